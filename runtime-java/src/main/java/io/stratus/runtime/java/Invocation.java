package io.stratus.runtime.java;

/**
 * One event handed out by {@code GET /runtime/invocation/next}.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadlineMs {@code Lambda-Runtime-Deadline-Ms}, epoch milliseconds; 0 when the header is missing
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}, or {@code null}
 * @param traceId {@code Lambda-Runtime-Trace-Id}, or {@code null}
 * @param clientContext {@code Lambda-Runtime-Client-Context} (JSON), or {@code null}
 * @param cognitoIdentity {@code Lambda-Runtime-Cognito-Identity} (JSON), or {@code null}
 * @param tenantId {@code Lambda-Runtime-Aws-Tenant-Id}, or {@code null}
 * @param event the raw event payload
 */
record Invocation(String requestId, long deadlineMs, String invokedFunctionArn, String traceId, String clientContext,
                  String cognitoIdentity, String tenantId, byte[] event) {
}
