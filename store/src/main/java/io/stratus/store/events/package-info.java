/**
 * Durable EventBridge rules, their targets and the scheduler's fire records and timeline. Depends on the
 * asynchronous queue's table only to queue a fire's invocations in the same transaction as its record.
 */
package io.stratus.store.events;
