/**
 * Lambda layers as the platform knows them: published layer versions and their permission statements. JDK only;
 * no I/O.
 */
package io.stratus.model.layer;
