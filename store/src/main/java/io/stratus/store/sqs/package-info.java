/**
 * Durable queues of the SQS-compatible service and their messages. Stores attribute and tag maps as given; what
 * they mean (ranges, defaults, wire encodings) belongs to the API. Depends on {@code store.sql} only.
 */
package io.stratus.store.sqs;
