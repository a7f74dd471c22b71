/**
 * Functions as the platform knows them: names and ARNs, configuration, code references and lifecycle state.
 * JDK only; no I/O.
 */
package io.stratus.model.function;
