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

            b.click("#tab-triggers");
            b.textOf("#triggers", "No triggers yet");
            b.click("#add-http");
            String url = b.visible("#http-url").getAttribute("href");
            assertThat(url).matches("http://[a-z0-9]{10}\\.execute-api\\.localhost:" + server.endpoint().getPort()
                    + "/default/hello-world");
            b.textOf("#triggers", url);
            b.screenshot("05-http-trigger");
            b.open(url);
            assertThat(b.find("body").getText()).isEqualTo("{\"message\":\"Hello, World!\"}");
        }
    }

    @Test
    void triggersAreListedAndRemoved() throws Exception {
        try (Browser b = Browser.start()) {
            createFromBlueprint(b, "greeter");
            b.click("#tab-triggers");
            b.textOf("#triggers", "No triggers yet");

            new Select(b.find("#trigger-kind")).selectByValue("url");
            new Select(b.find("#url-auth")).selectByValue("NONE");
            b.click("#url-cors");
            b.click("#add-url");
            String functionUrl = b.visible("[data-trigger='Function URL'] .trigger-url").getText();
            assertThat(functionUrl).matches("http://[a-z0-9]{32}\\.lambda-url\\.localhost:\\d+/");

            new Select(b.find("#trigger-kind")).selectByValue("schedule");
            b.find("#schedule-expression").clear();
            b.find("#schedule-expression").sendKeys("cron(0 25 * * ? *)");
            b.textOf("#schedule-preview", "hours: 25 is not in 0–23.");
            b.find("#schedule-expression").clear();
            b.find("#schedule-expression").sendKeys("cron(0 9 ? * 2#1 *)");
            b.textOf("#schedule-preview", "Next 5 runs (UTC):");
            assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector("#schedule-preview li")))
                    .hasSize(5).allSatisfy(li -> assertThat(li.getText()).endsWith("09:00"));
            b.screenshot("08-schedule-preview");
            b.click("#add-schedule");
            b.textOf("[data-trigger='Schedule']", "greeter-schedule");
            assertThat(b.find("#triggers").getText()).contains("cron(0 9 ? * 2#1 *)", "Auth type NONE");
            b.screenshot("09-triggers");

            new Select(b.find("#trigger-kind")).selectByValue("http");
            b.click("#add-http");
            b.textOf("[data-trigger='HTTP API']", "greeter-API");

            for (String kind : new String[] {"Function URL", "HTTP API"}) {
                b.click("[data-trigger='" + kind + "'] button");
                b.click("dialog .danger");
                b.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("[data-trigger='" + kind + "']"))
                        .isEmpty());
            }
            assertThat(b.find("#triggers").getText()).contains("greeter-schedule");
            assertThat(httpGet("/v2/apis")).as("the console's API goes with its last route")
                    .doesNotContain("greeter-API");
            assertThat(httpGet("/2015-03-31/functions/greeter/policy"))
                    .contains("console-events-greeter-schedule").doesNotContain("console-apigateway-")
                    .doesNotContain("FunctionURLAllowPublicAccess");

            // Keyboard and dark mode on the functions list: "/" finds, "t" switches the theme.
            b.click(".brand");
            b.find("#functions");
            b.find("body").sendKeys("/");
            b.driver.switchTo().activeElement().sendKeys("greet");
            b.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#functions tbody tr")).size() == 1);
            b.find("#functions").click();
            b.find("body").sendKeys("t");
            b.find("body").sendKeys("t");
            b.textOf("#theme", "Dark");
            assertThat(b.driver.executeScript("return getComputedStyle(document.body).backgroundColor"))
                    .isEqualTo("rgb(15, 20, 25)");
            b.screenshot("13-dark-mode");

            // Editors follow the theme while open.
            b.click("#functions a");
            b.textOf("#editor", "Hello from Lambda!");
            String editorText = "return getComputedStyle(document.querySelector('#editor .cm-editor')).color";
            String oneDarkText = "rgb(171, 178, 191)";
            assertThat(b.driver.executeScript(editorText)).isEqualTo(oneDarkText);
            b.click("#theme");
            b.textOf("#theme", "Auto");
            assertThat(b.driver.executeScript(editorText)).isNotEqualTo(oneDarkText);
        }
    }

    @Test
    void configurationVersionsAndAliases() throws Exception {
        try (Browser b = Browser.start()) {
            createFromBlueprint(b, "configured");
            b.click("#tab-configuration");
            b.visible("#cfg-memory").clear();
            b.find("#cfg-memory").sendKeys("100");
            b.click("#save-general");
            assertThat(b.textOf("#cfg-general", "ValidationException")).contains("memorySize");

            b.find("#cfg-memory").clear();
            b.find("#cfg-memory").sendKeys("256");
            b.find("#cfg-timeout").clear();
            b.find("#cfg-timeout").sendKeys("10");
            b.click("#save-general");
            b.textOf(".meta", "256 MB · 10 s");

            b.click("#add-env");
            b.visible("#env-rows .env-key").sendKeys("GREETING");
            b.find("#env-rows .env-value").sendKeys("Hi");
            b.click("#save-env");
            b.textOf("#toast", "Saved the environment variables of configured.");

            b.textOf("#cfg-concurrency-panel", "Uses the unreserved account concurrency.");
            b.find("#cfg-concurrency").sendKeys("0");
            b.click("#save-concurrency");
            b.textOf("#cfg-concurrency-panel", "0 reserved.");

            b.textOf("#async-status", "Defaults: 2 retries");
            new Select(b.find("#cfg-retries")).selectByValue("1");
            b.click("#save-async");
            b.textOf("#cfg-async", "Custom settings.");
            b.driver.executeScript("window.scrollTo(0, 0)");
            b.screenshot("10-configuration");

            // Reserved concurrency 0 throttles every invocation: Test shows Lambda's error, Monitor counts it.
            b.click("#tab-test");
            b.click("#run-test");
            assertThat(b.textOf("#test-errors", "TooManyRequestsException")).contains("Rate Exceeded.");
            b.click("#tab-monitor");
            b.textOf("#metrics-totals", "0 invocations, 0 errors, 1 throttles");

            b.click("#tab-versions");
            b.textOf("#versions", "No versions yet");
            b.click("#publish");
            b.textOf("#versions table", "1");
            b.until(d -> new Select(b.find("#alias-version")).getOptions().size() == 2 ? true : null);
            b.find("#alias-name").sendKeys("live");
            new Select(b.find("#alias-version")).selectByValue("1");
            b.click("#create-alias");
            assertThat(b.textOf("#aliases table", "live")).contains("100%");
            b.screenshot("11-versions-and-aliases");
        }
    }

    @Test
    void filesAreAddedRenamedAndDeletedInThePackage() throws Exception {
        try (Browser b = Browser.start()) {
            createFromBlueprint(b, "files");
            b.click("#new-file");
            b.until(d -> d.switchTo().alert()).sendKeys("lib/greet.js");
            b.driver.switchTo().alert().accept();
            b.textOf("#file-tree", "lib/greet.js");
            b.typeInEditor("#editor", "exports.greet = (name) => 'Hi ' + name;");
            b.click("#deploy");
            b.textOf("#deploy-status", "Deployed");

            b.driver.navigate().refresh();
            b.click("[data-file='lib/greet.js']");
            b.textOf("#editor", "exports.greet");
            b.click("#rename-file");
            org.openqa.selenium.Alert rename = b.until(d -> d.switchTo().alert());
            rename.sendKeys("util.js");
            rename.accept();
            b.textOf("#file-tree", "util.js");
            b.click("#delete-file");
            b.until(d -> d.switchTo().alert()).accept();
            b.until(d -> !b.find("#file-tree").getText().contains("util.js"));
            b.click("#deploy");
            b.textOf("#deploy-status", "Deployed");

            b.driver.navigate().refresh();
            b.textOf("#editor", "Hello from Lambda!");
            assertThat(b.find("#file-tree").getText()).isEqualTo("index.js");

            b.click(".brand");
            b.click("tr[data-function='files'] .danger");
            b.visible("dialog .confirm-input").sendKeys("delete");
            b.click("dialog .danger");
            b.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("tr[data-function='files']")).isEmpty());
        }
    }

    @Test
    void javaFunctionFromAnUploadedPackage() throws Exception {
        String zip = Path.of("..", "test-functions", "java-hello", "target", "java-hello.zip").toAbsolutePath()
                .normalize().toString();
        try (Browser b = Browser.start()) {
            b.open(console + "console/#/create");
            b.visible("#function-name").sendKeys("java-greeter");
            new Select(b.find("#runtime")).selectByValue("java21");
            b.visible("#java-package").sendKeys(zip);
            assertThat(b.find("#handler").getAttribute("value")).isEqualTo("example.Hello::handleRequest");
            b.click("#create");
            assertThat(b.textOf("main", "upload the jar or zip")).contains("example.Hello::handleRequest");
            b.find("#upload-file").sendKeys(zip);
            b.click("#upload");
            b.textOf("#toast", "Uploaded java-hello.zip to java-greeter.");
            b.click("#tab-test");
            b.click("#run-test");
            assertThat(b.textOf("#execution-result", "Executing function: succeeded")).contains("Hello, World!");
            b.screenshot("14-java-function");
        }
    }

    private static String httpGet(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.endpoint().resolve(path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Invokes a function through the Lambda API, outside the browser. */
    private static void invoke(String name) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/2015-03-31/functions/" + name
                        + "/invocations")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** Creates a Node.js function from the hello-world blueprint in the console and waits for its editor. */
    private static void createFromBlueprint(Browser b, String name) {
        b.open(console + "console/#/create");
        b.visible("#function-name").sendKeys(name);
        b.click("#create");
        b.textOf("#editor", "Hello from Lambda!");
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

            b.click("#tab-monitor");
            b.textOf("#metrics-totals", "1 invocations, 1 errors, 0 throttles");
            assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector("#charts .uplot"))).hasSize(3);
            b.textOf("#log-events", "no greeting for you");
            b.find("#log-filter").sendKeys("REPORT");
            b.click("#log-live");
            invoke("thrower");
            b.click("#metrics-refresh");
            b.textOf("#metrics-totals", "2 invocations, 2 errors, 0 throttles");
            b.until(d -> {
                String logs = b.find("#log-events").getText();
                return logs.lines().count() == 2 && logs.lines().allMatch(l -> l.contains("REPORT RequestId:"));
            });
            b.screenshot("12-monitor");
        }
    }
}
