/**
 * The EventBridge rules API on the default event bus: rules, targets (Lambda functions) and their durable state.
 * Scheduled rules fire through {@code io.stratus.api.schedule}; event-pattern rules are stored but never match,
 * as there is no event bus to put events on.
 */
package io.stratus.api.events;
