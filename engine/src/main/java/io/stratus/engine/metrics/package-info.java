/** Per-function invocation counts and durations by minute, as CloudWatch's Lambda metrics show them. */
package io.stratus.engine.metrics;
