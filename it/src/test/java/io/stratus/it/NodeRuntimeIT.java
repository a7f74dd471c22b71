package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Node.js runtime client, on nodejs18.x (which runs on the nearest installed Node when 18 is missing). */
class NodeRuntimeIT extends RuntimeBehaviourIT {

    @Override
    String runtime() {
        return "nodejs18.x";
    }

    @Override
    byte[] zip(String function) {
        return functionZip("node", function);
    }

    @Override
    String handler(String function) {
        return function.equals("nested") ? "src/app.handlers.main" : "index.handler";
    }

    @Override
    String[] thrownError() {
        return new String[] {"Error", "boom"};
    }

    @Override
    String initErrorType() {
        return "Error";
    }

    @Override
    String[] missingHandler() {
        return new String[] {"index.nope", "Runtime.HandlerNotFound"};
    }

    @Test
    void esModulesCallbacksAndNestedHandlersWork() {
        for (String function : new String[] {"hello-esm", "hello-type-module", "hello-callback"}) {
            deploy("node-" + function, "nodejs22.x", "index.handler", zip(function), 10, 128);
            assertThat(json(invoke("node-" + function, "{\"name\":\"Ada\"}")).path("body").asText())
                    .as(function).isEqualTo("Hello, Ada!");
        }
        deploy("node-nested", "nodejs20.x", "src/app.handlers.main", zip("nested"), 10, 128);
        assertThat(json(invoke("node-nested", "{\"a\":1}")).path("nested").asBoolean()).isTrue();
    }

    @Test
    void aMissingModuleIsAnImportModuleError() {
        deploy("node-nomodule", "nodejs20.x", "missing.handler", zip("hello"), 10, 128);
        assertThat(json(invoke("node-nomodule", "{}")).path("errorType").asText())
                .isEqualTo("Runtime.ImportModuleError");
    }

    @Test
    void directWritesAfterQuietInvocationsStillComeBeforeEnd() {
        deploy("node-quiet-or-loud", "nodejs20.x", "index.handler", zip("quiet-or-loud"), 10, 128);
        assertQuietAndLoudInvocationsLogInOrder("node-quiet-or-loud");
    }
}
