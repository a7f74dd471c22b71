/**
 * The SQS-compatible queue service: AWS JSON 1.0 ({@code X-Amz-Target: AmazonSQS.<Operation>}) on the server's one
 * port, standard queues only, durable in the store's {@code sqs} tables. {@link io.stratus.api.sqs.Queues} is the
 * part other services use (Lambda's dead-letter queues and destinations). Must not depend on other API packages.
 */
package io.stratus.api.sqs;
