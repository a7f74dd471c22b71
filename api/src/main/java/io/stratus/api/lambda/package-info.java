/**
 * The Lambda control-plane API (functions, tags, account settings): HTTP routes, request validation with Lambda's
 * exact wording, and the wire shapes of its responses. Depends on {@code model} and {@code store}.
 */
package io.stratus.api.lambda;
