/**
 * The Lambda control-plane API (functions, tags, account settings): HTTP routes, request validation with Lambda's
 * exact wording, and the wire shapes of its responses. Depends on {@code model} and {@code store}, and on
 * {@code api.sqs}'s {@code Queues} for dead-letter queues and queue destinations.
 */
package io.stratus.api.lambda;
