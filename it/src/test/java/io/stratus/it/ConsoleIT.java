package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.StratusProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in real headless Chromium against a real server that enforces invoke permissions: the README's
 * quick start done entirely in the browser, and the error paths a first-time user meets. Each step that matters is
 * saved as a screenshot (see docs/console.md).
 */
class ConsoleIT {

    private static StratusProcess server;
    private static String console;

    @BeforeAll
    static void startServer() throws Exception {
        Path data = Files.createTempDirectory("stratus-console-").resolve("data");
        server = StratusProcess.start(data, "--invoke-permissions", "enforce");
        console = server.endpoint().resolve("/").toString();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void quickStartInTheBrowser() throws Exception {
        try (Browser b = Browser.start()) {
            b.open(console);
            b.textOf("main", "No functions yet");
            assertThat(b.driver.getCurrentUrl()).endsWith("/console/");
            b.screenshot("01-functions-empty");

            b.click("#create-function");
            b.visible("#function-name").sendKeys("hello-world");
            new Select(b.find("#runtime")).selectByValue("nodejs18.x");
            b.screenshot("02-create-function");
            b.click("#create");

            b.textOf("#editor", "Hello from Lambda!");
            b.typeInEditor("#editor", "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify("
                    + "{ message: `Hello, ${event.name || 'World'}!` }) });");
            b.textOf("#deploy-status", "Changes not deployed");
            b.click("#deploy");
            b.textOf("#deploy-status", "Deployed");
            b.screenshot("03-code-deployed");

            b.click("#tab-test");
            b.visible("#event-name").sendKeys("ada");
            b.typeInEditor("#event-editor", "{\"name\":\"Ada\"");
            b.textOf("#json-state", "Valid JSON");
            b.click("#save-event");
            b.until(d -> new Select(b.find("#saved-events")).getOptions().stream()
                    .anyMatch(o -> o.getText().equals("ada")));
            b.click("#run-test");
            String result = b.textOf("#execution-result", "Executing function: succeeded");
            assertThat(b.textOf("#response-body", "Hello, Ada!")).contains("\"statusCode\": 200");
            assertThat(result).contains("Request ID", "Duration", "Billed duration", "Memory size",
                    "Max memory used", "Init duration");
            assertThat(b.find("#log-output").getText()).contains("START RequestId:", "REPORT RequestId:");
            b.screenshot("04-test-result");
        }
    }

    @Test
    void errorsAreTheApisOwn() throws Exception {
        try (Browser b = Browser.start()) {
            b.open(console + "console/#/create");
            b.visible("#function-name").sendKeys("bad name!");
            b.click("#create");
            assertThat(b.textOf("#create-errors", "ValidationException"))
                    .contains("Value 'bad name!' at 'functionName' failed to satisfy constraint");
            b.screenshot("06-invalid-name");

            b.find("#function-name").clear();
            b.find("#function-name").sendKeys("thrower");
            b.click("#start-scratch");
            b.click("#create");
            b.textOf("#editor", "return event");
            b.typeInEditor("#editor", "exports.handler = async () => { throw new TypeError('no greeting for you'); };");
            b.click("#deploy");
            b.textOf("#deploy-status", "Deployed");
            b.click("#tab-test");
            b.click("#run-test");
            String result = b.textOf("#execution-result", "Executing function: failed");
            assertThat(result).contains("TypeError", "no greeting for you", "REPORT RequestId:");
            b.screenshot("07-function-error");
        }
    }
}
