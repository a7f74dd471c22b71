package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@link Context} handed to a handler for one invocation. Identity and client context are parsed on first
 * use. Safe to read from any thread.
 */
final class LambdaContext implements Context {
    private final RuntimeEnvironment environment;
    private final Invocation invocation;
    private volatile CognitoIdentity identity;
    private volatile boolean identityParsed;
    private volatile ClientContext clientContext;
    private volatile boolean clientContextParsed;

    LambdaContext(RuntimeEnvironment environment, Invocation invocation) {
        this.environment = environment;
        this.invocation = invocation;
    }

    @Override
    public String getAwsRequestId() {
        return invocation.requestId();
    }

    @Override
    public String getLogGroupName() {
        return environment.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return environment.logStreamName();
    }

    @Override
    public String getFunctionName() {
        return environment.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return environment.functionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
        return invocation.invokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        if (!identityParsed) {
            identity = ContextValues.identity(invocation.cognitoIdentity());
            identityParsed = true;
        }
        return identity;
    }

    @Override
    public ClientContext getClientContext() {
        if (!clientContextParsed) {
            clientContext = ContextValues.clientContext(invocation.clientContext());
            clientContextParsed = true;
        }
        return clientContext;
    }

    /**
     * Milliseconds until {@code Lambda-Runtime-Deadline-Ms}; negative once it has passed, and
     * {@link Integer#MAX_VALUE} if the platform sent no deadline.
     */
    @Override
    public int getRemainingTimeInMillis() {
        if (invocation.deadlineMs() == 0) {
            return Integer.MAX_VALUE;
        }
        long remaining = invocation.deadlineMs() - System.currentTimeMillis();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return environment.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return StdoutLogger.INSTANCE;
    }

    @Override
    public String getTenantId() {
        return invocation.tenantId();
    }

    @Override
    public String getXrayTraceId() {
        return invocation.traceId();
    }
}
