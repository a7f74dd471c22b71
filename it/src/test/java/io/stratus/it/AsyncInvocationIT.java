package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.StratusProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Asynchronous invocation: durable acceptance (also across kill -9), retries with the request id kept,
 * destinations, reserved concurrency, the event invoke configuration API and the queue's status. Functions report
 * each run to a collector HTTP server in this test, which also tells them when to fail.
 */
class AsyncInvocationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    private ReportCollector collector;
    private List<JsonNode> reports;
    private StratusProcess server;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws IOException {
        collector = ReportCollector.start();
        reports = collector.reports();
        server = startServer();
        lambda = ServerFixture.client(server.endpoint());
    }

    private StratusProcess startServer() {
        return StratusProcess.start(scratch.resolve("data"), "--async-retry-scale", "0.01", "--keep-alive", "30s");
    }

    @AfterEach
    void stop() {
        if (lambda != null) {
            lambda.close();
        }
        if (server != null) {
            server.stop();
        }
        collector.close();
    }

    private String url() {
        return collector.url();
    }

    private void create(String name) {
        lambda.createFunction(r -> r.functionName(name).runtime("nodejs20.x").handler("index.handler")
                .role(ServerFixture.ROLE).timeout(10)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(ServerFixture.functionZip("node", "reporter")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private void sendEvent(String name, String event) {
        var response = lambda.invoke(r -> r.functionName(name).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(event)));
        assertThat(response.statusCode()).isEqualTo(202);
    }

    private Set<Integer> idsSeen() {
        Set<Integer> ids = ConcurrentHashMap.newKeySet();
        reports.forEach(r -> {
            if (r.path("event").has("id")) {
                ids.add(r.path("event").path("id").asInt());
            }
        });
        return ids;
    }

    @Test
    void everyAcceptedEventArrivesAlsoWhenTheServerIsKilledTwice() {
        create("async-many");
        for (int i = 0; i < 1000; i++) {
            sendEvent("async-many", "{\"id\":" + i + ",\"url\":\"" + url() + "\"}");
            if (i == 400 || i == 700) {
                // Killed in the middle, with events accepted and some running: they must all still arrive.
                server.kill();
                server = startServer();
                lambda.close();
                lambda = ServerFixture.client(server.endpoint());
            }
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> idsSeen().size() == 1000);
        long duplicates = reports.size() - 1000L;
        System.out.println("asynchronous delivery across two kill -9: 1000 events, " + duplicates + " duplicates");
        await().atMost(Duration.ofSeconds(10)).until(() -> status().path("Depth").asLong() == 0);
    }

    @Test
    void aFunctionThatFailsTwiceIsRetriedWithTheSameRequestIdAndSucceeds() {
        create("async-flaky");
        sendEvent("async-flaky", "{\"id\":1,\"failTimes\":2,\"url\":\"" + url() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> reports.size() == 3);
        assertThat(reports).extracting(r -> r.path("requestId").asText()).containsOnly(
                reports.get(0).path("requestId").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> status().path("Succeeded").asLong() == 1);
        assertThat(status().path("Retries").asLong()).isEqualTo(2);
    }

    @Test
    void aFunctionThatAlwaysFailsReachesItsFailureDestinationAfterItsAttempts() {
        create("async-broken");
        create("async-on-failure");
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-broken").maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(ServerFixture.arn("async-on-failure")))));
        sendEvent("async-broken", "{\"id\":7,\"failTimes\":99,\"url\":\"" + url() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> reports.stream()
                .anyMatch(r -> r.path("event").has("requestContext")));
        JsonNode record = reports.stream().filter(r -> r.path("event").has("requestContext")).findFirst()
                .orElseThrow().path("event");
        long attempts = reports.stream().filter(r -> r.path("event").path("id").asInt() == 7).count();
        assertThat(attempts).isEqualTo(2);
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.path("requestContext").path("functionArn").asText())
                .isEqualTo(ServerFixture.arn("async-broken") + ":$LATEST");
        assertThat(record.path("requestPayload").path("id").asInt()).isEqualTo(7);
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorMessage").asText())
                .isEqualTo("the collector said to fail");
    }

    @Test
    void reservedConcurrencyOneProcessesQueuedEventsOneAtATimeAndZeroGoesToTheFailureDestination() {
        create("async-serial");
        lambda.putFunctionConcurrency(r -> r.functionName("async-serial").reservedConcurrentExecutions(1));
        for (int i = 0; i < 50; i++) {
            sendEvent("async-serial", "{\"id\":" + i + ",\"url\":\"" + url() + "\"}");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> idsSeen().size() == 50);
        assertThat(status().path("Dropped").asLong()).isZero();
        assertThat(get("/_stratus/sandboxes").path("Functions").path("async-serial").path("Sandboxes").asInt()).as("one at a time: one sandbox").isEqualTo(1);

        create("async-off");
        create("async-off-failure");
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-off")
                .destinationConfig(d -> d.onFailure(f -> f.destination(ServerFixture.arn("async-off-failure")))));
        lambda.putFunctionConcurrency(r -> r.functionName("async-off").reservedConcurrentExecutions(0));
        sendEvent("async-off", "{\"id\":999,\"url\":\"" + url() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> reports.stream().anyMatch(r -> r.path("event")
                .path("requestContext").path("condition").asText().equals("ZeroReservedConcurrency")));
    }

    @Test
    void anEventThatWaitsLongerThanItsMaximumAgeGoesToTheFailureDestination() {
        lambda.createFunction(r -> r.functionName("async-busy").runtime("nodejs20.x").handler("index.handler")
                .role(ServerFixture.ROLE).timeout(90)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(ServerFixture.functionZip("node", "reporter")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("async-busy"));
        create("async-expired");
        lambda.putFunctionConcurrency(r -> r.functionName("async-busy").reservedConcurrentExecutions(1));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-busy").maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(ServerFixture.arn("async-expired")))));
        // The first event holds the only concurrency for 70 s; the second is throttled until it is too old.
        sendEvent("async-busy", "{\"id\":1,\"sleepMs\":70000,\"url\":\"" + url() + "\"}");
        // Only once the first event runs does the second find the concurrency taken.
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/_stratus/sandboxes").path("Functions")
                .path("async-busy").path("Sandboxes").asInt() == 1);
        sendEvent("async-busy", "{\"id\":2,\"url\":\"" + url() + "\"}");
        await().atMost(Duration.ofSeconds(100)).until(() -> reports.stream().anyMatch(r -> r.path("event")
                .path("requestContext").path("condition").asText().equals("EventAgeExceeded")));
        JsonNode record = reports.stream().filter(r -> r.path("event").path("requestContext").path("condition")
                .asText().equals("EventAgeExceeded")).findFirst().orElseThrow().path("event");
        assertThat(record.path("requestPayload").path("id").asInt()).isEqualTo(2);
        assertThat(idsSeen()).doesNotContain(2);
    }

    @Test
    void eventInvokeConfigsAreManagedAsLambdaDoesIt() {
        create("async-config");
        create("async-target");
        var put = lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-config").maximumRetryAttempts(0)
                .maximumEventAgeInSeconds(120)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ServerFixture.arn("async-target")))));
        assertThat(put.functionArn()).isEqualTo(ServerFixture.arn("async-config") + ":$LATEST");
        assertThat(put.maximumRetryAttempts()).isZero();
        var updated = lambda.updateFunctionEventInvokeConfig(r -> r.functionName("async-config")
                .maximumRetryAttempts(1));
        assertThat(updated.maximumRetryAttempts()).isEqualTo(1);
        assertThat(updated.maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(updated.destinationConfig().onSuccess().destination()).isEqualTo(ServerFixture.arn("async-target"));
        assertThat(lambda.listFunctionEventInvokeConfigs(r -> r.functionName("async-config"))
                .functionEventInvokeConfigs()).hasSize(1);
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-config")
                .maximumRetryAttempts(3)))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-config")
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:000000000000:q")))))
                .isInstanceOf(InvalidParameterValueException.class);
        lambda.deleteFunctionEventInvokeConfig(r -> r.functionName("async-config"));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("async-config")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The function " + ServerFixture.arn("async-config") + ":$LATEST doesn't have "
                        + "an EventInvokeConfig");
    }

    private JsonNode status() {
        return get("/_stratus/async");
    }

    private JsonNode get(String path) {
        return ServerFixture.getJson(URI.create(server.endpoint() + path));
    }
}
