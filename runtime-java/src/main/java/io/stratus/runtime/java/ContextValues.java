package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import io.stratus.runtime.java.json.Json;
import io.stratus.runtime.java.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The identity and client-context values of a {@code Context}, parsed from their Runtime API headers. */
final class ContextValues {
    private ContextValues() {
    }

    /**
     * Parses {@code Lambda-Runtime-Cognito-Identity}; {@code null} without the header, as with AWS's runtime
     * client. Ids missing from the JSON are {@code null}.
     */
    static CognitoIdentity identity(String header) {
        if (header == null) {
            return null;
        }
        Map<String, Object> json = object(header);
        return new Identity(text(json.get("cognitoIdentityId")), text(json.get("cognitoIdentityPoolId")));
    }

    /** Parses {@code Lambda-Runtime-Client-Context}; {@code null} without the header or with bad JSON. */
    static ClientContext clientContext(String header) {
        Map<String, Object> json = object(header);
        if (json.isEmpty()) {
            return null;
        }
        Map<String, Object> client = object(json.get("client"));
        MobileClient mobile = client.isEmpty() ? null : new MobileClient(text(client.get("installation_id")),
                text(client.get("app_title")), text(client.get("app_version_name")),
                text(client.get("app_version_code")), text(client.get("app_package_name")));
        return new MobileClientContext(mobile, strings(json.get("custom")), strings(json.get("env")));
    }

    private static Map<String, Object> object(Object value) {
        if (value instanceof String header) {
            try {
                byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
                value = Json.read(bytes, 0, bytes.length, Object.class);
            } catch (JsonException e) {
                return Map.of();
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                object.put(String.valueOf(entry.getKey()), entry.getValue());
            }
            return object;
        }
        return Map.of();
    }

    private static Map<String, String> strings(Object value) {
        Map<String, Object> object = object(value);
        if (object.isEmpty() && value == null) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            strings.put(entry.getKey(), text(entry.getValue()));
        }
        return strings;
    }

    private static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    private record Identity(String identityId, String identityPoolId) implements CognitoIdentity {
        @Override
        public String getIdentityId() {
            return identityId;
        }

        @Override
        public String getIdentityPoolId() {
            return identityPoolId;
        }
    }

    private record MobileClient(String installationId, String appTitle, String appVersionName, String appVersionCode,
                                String appPackageName) implements Client {
        @Override
        public String getInstallationId() {
            return installationId;
        }

        @Override
        public String getAppTitle() {
            return appTitle;
        }

        @Override
        public String getAppVersionName() {
            return appVersionName;
        }

        @Override
        public String getAppVersionCode() {
            return appVersionCode;
        }

        @Override
        public String getAppPackageName() {
            return appPackageName;
        }
    }

    private record MobileClientContext(Client client, Map<String, String> custom, Map<String, String> environment)
            implements ClientContext {
        @Override
        public Client getClient() {
            return client;
        }

        @Override
        public Map<String, String> getCustom() {
            return custom;
        }

        @Override
        public Map<String, String> getEnvironment() {
            return environment;
        }
    }
}
