package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The Python runtime client, on python3.12 (and the oldest and newest supported versions for hello world). */
class PythonRuntimeIT extends RuntimeBehaviourIT {

    @Override
    String runtime() {
        return "python3.12";
    }

    @Override
    byte[] zip(String function) {
        return functionZip("python", function);
    }

    @Override
    String handler(String function) {
        return function.equals("nested") ? "app/handlers/main.handler" : "lambda_function.lambda_handler";
    }

    @Override
    String[] thrownError() {
        return new String[] {"Exception", "boom"};
    }

    @Override
    String initErrorType() {
        // Only ImportError and SyntaxError are wrapped by AWS's Python runtime; anything else keeps its class name.
        return "RuntimeError";
    }

    @Test
    void aMissingModuleIsAnImportModuleError() {
        deploy("py-nomodule", runtime(), "missing.handler", zip("hello"), 10, 128);
        JsonNode error = json(invoke("py-nomodule", "{}"));
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("Unable to import module 'missing': No module "
                + "named 'missing'");
    }

    @Override
    String[] missingHandler() {
        return new String[] {"lambda_function.nope", "Runtime.HandlerNotFound"};
    }

    @Test
    void everySupportedPythonRunsHelloWorld() {
        for (String runtime : new String[] {"python3.9", "python3.13"}) {
            String name = "py-hello-" + runtime.replace('.', '-');
            deploy(name, runtime, "lambda_function.lambda_handler", zip("hello"), 10, 128);
            InvokeResponse response = invoke(name, "{\"name\":\"Ada\"}");
            assertThat(json(response).path("body").asText()).as(runtime).isEqualTo("Hello, Ada!");
        }
    }

    @Test
    void nestedPackagesAndTheErrorShapeOfPythonWork() {
        deploy("py-nested", runtime(), "app/handlers/main.handler", zip("nested"), 10, 128);
        assertThat(invoke("py-nested", "{\"a\":1}").functionError()).isNull();
        deploy("py-nested-dots", runtime(), "app.handlers.main.handler", zip("nested"), 10, 128);
        assertThat(invoke("py-nested-dots", "{\"a\":1}").functionError()).isNull();
        deploy("py-thrower", runtime(), "lambda_function.lambda_handler", zip("thrower"), 10, 128);
        JsonNode error = json(invoke("py-thrower", "{}"));
        assertThat(error.path("requestId").asText()).hasSize(36);
        assertThat(error.path("stackTrace").isArray()).isTrue();
    }

    @Test
    void directWritesAfterQuietInvocationsStillComeBeforeEnd() {
        deploy("py-quiet-or-loud", runtime(), "lambda_function.lambda_handler", zip("quiet-or-loud"), 10, 128);
        assertQuietAndLoudInvocationsLogInOrder("py-quiet-or-loud");
    }
}
