package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code example.Context}: returns every context field, and the remaining time, as a map. */
public class Context implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("awsRequestId", context.getAwsRequestId());
        fields.put("logGroupName", context.getLogGroupName());
        fields.put("logStreamName", context.getLogStreamName());
        fields.put("functionName", context.getFunctionName());
        fields.put("functionVersion", context.getFunctionVersion());
        fields.put("invokedFunctionArn", context.getInvokedFunctionArn());
        fields.put("memoryLimitInMB", context.getMemoryLimitInMB());
        fields.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        fields.put("identityId", context.getIdentity() == null ? null : context.getIdentity().getIdentityId());
        fields.put("identityPoolId", context.getIdentity() == null ? null : context.getIdentity().getIdentityPoolId());
        var client = context.getClientContext();
        if (client != null) {
            Map<String, Object> clientFields = new LinkedHashMap<>();
            clientFields.put("installationId", client.getClient() == null ? null : client.getClient().getInstallationId());
            clientFields.put("custom", client.getCustom());
            clientFields.put("env", client.getEnvironment());
            fields.put("clientContext", clientFields);
        }
        fields.put("xrayTraceId", context.getXrayTraceId());
        fields.put("traceHeaderProperty", System.getProperty("com.amazonaws.xray.traceHeader"));
        fields.put("tenantId", context.getTenantId());
        fields.put("contextClassLoaderIsOurs", Thread.currentThread().getContextClassLoader() == Context.class.getClassLoader());
        return fields;
    }
}
