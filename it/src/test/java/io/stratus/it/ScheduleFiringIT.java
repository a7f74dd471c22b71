package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stratus.testkit.StratusProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Scheduled rules invoke their functions on time: every scheduled minute exactly once, also across a kill -9 of the
 * server; constant input and input paths; disabled rules stay silent; and on the real clock, within a second of the
 * scheduled time. The scheduler's clock is sped up ({@code --schedule-clock-scale}) except in the real-clock test.
 * Functions report each event to a collector HTTP server in this test.
 */
class ScheduleFiringIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two real seconds per scheduled minute. */
    private static final String FAST = "30";

    @TempDir
    Path scratch;

    /** One report as the collector received it. */
    private record Report(long arrivedMs, String requestId, JsonNode event) {
    }

    private HttpServer collector;
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private StratusProcess server;
    private LambdaClient lambda;
    private EventBridgeClient events;
    private String scale;

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        collector.createContext("/", exchange -> {
            long arrived = System.currentTimeMillis();
            JsonNode report = JSON.readTree(exchange.getRequestBody().readAllBytes());
            reports.add(new Report(arrived, report.path("requestId").asText(), report.path("event")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        collector.start();
    }

    @AfterEach
    void stop() {
        closeClients();
        if (server != null) {
            server.stop();
        }
        collector.stop(0);
    }

    private void start(String clockScale, String... moreArgs) {
        scale = clockScale;
        List<String> args = new ArrayList<>(List.of("--schedule-clock-scale", clockScale, "--keep-alive", "120s"));
        args.addAll(List.of(moreArgs));
        server = StratusProcess.start(scratch.resolve("data"), args.toArray(String[]::new));
        lambda = ServerFixture.client(server.endpoint());
        events = ScheduleRulesIT.eventBridge(server.endpoint());
    }

    private void closeClients() {
        if (lambda != null) {
            lambda.close();
        }
        if (events != null) {
            events.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + collector.getAddress().getPort() + "/";
    }

    private void createReporter(String name) {
        lambda.createFunction(r -> r.functionName(name).runtime("nodejs20.x").handler("index.handler")
                .role(ServerFixture.ROLE).timeout(10)
                .environment(e -> e.variables(Map.of("COLLECTOR_URL", url())))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(ServerFixture.functionZip("node", "reporter")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private void schedule(String rule, String expression, RuleState state, Target... targets) {
        events.putRule(r -> r.name(rule).scheduleExpression(expression).state(state));
        events.putTargets(r -> r.rule(rule).targets(targets));
    }

    private static Target target(String id, String function) {
        return Target.builder().id(id).arn(ServerFixture.arn(function)).build();
    }

    private static String ruleArn(String rule) {
        return "arn:aws:events:" + ServerFixture.REGION + ":" + ServerFixture.ACCOUNT + ":rule/" + rule;
    }

    /** Scheduled events of a rule, one per request id (asynchronous delivery is at-least-once per request). */
    private List<Report> firesOf(String rule) {
        Map<String, Report> byRequest = new LinkedHashMap<>();
        for (Report r : reports) {
            if (r.event().path("resources").path(0).asText().equals(ruleArn(rule))) {
                byRequest.putIfAbsent(r.requestId(), r);
            }
        }
        return new ArrayList<>(byRequest.values());
    }

    private List<Instant> scheduledTimes(String rule) {
        return firesOf(rule).stream().map(r -> Instant.parse(r.event().path("time").asText())).sorted().toList();
    }

    /** Waits until the asynchronous queue is empty: every queued invocation has run. */
    private void awaitQueueDrained() {
        await().atMost(Duration.ofSeconds(30)).until(() -> asyncStatus().path("Depth").asLong() == 0);
    }

    private JsonNode asyncStatus() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.endpoint() + "/_stratus/async")).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each scheduled minute exactly once: no time twice, none missing between the first and the last. */
    private static void assertEveryMinuteOnce(List<Instant> times) {
        assertThat(new HashSet<>(times)).as("no scheduled time fired twice: " + times).hasSameSizeAs(times);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("no minute missed: " + times)
                    .isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void rateAndCronRulesFireEveryScheduledMinuteExactlyOnceAlsoAcrossAKill() {
        start(FAST);
        createReporter("ticker");
        schedule("every-minute-rate", "rate(1 minute)", RuleState.ENABLED, target("t", "ticker"));
        schedule("every-minute-cron", "cron(* * * * ? *)", RuleState.ENABLED, target("t", "ticker"));
        await().atMost(Duration.ofSeconds(60)).until(() -> firesOf("every-minute-rate").size() >= 3
                && firesOf("every-minute-cron").size() >= 3);

        // Killed between fires (or in one): the next run fires what it missed, once each, and nothing twice.
        server.kill();
        int rateBefore = firesOf("every-minute-rate").size();
        int cronBefore = firesOf("every-minute-cron").size();
        closeClients();
        start(scale);
        await().atMost(Duration.ofSeconds(60)).until(() -> firesOf("every-minute-rate").size() >= rateBefore + 3
                && firesOf("every-minute-cron").size() >= cronBefore + 3);
        events.disableRule(r -> r.name("every-minute-rate"));
        events.disableRule(r -> r.name("every-minute-cron"));
        awaitQueueDrained();

        List<Instant> rate = scheduledTimes("every-minute-rate");
        List<Instant> cron = scheduledTimes("every-minute-cron");
        System.out.println("scheduled times fired, rate: " + rate + "; cron: " + cron);
        assertThat(rate).hasSizeGreaterThanOrEqualTo(6);
        assertThat(cron).hasSizeGreaterThanOrEqualTo(6);
        assertEveryMinuteOnce(rate);
        assertEveryMinuteOnce(cron);
        assertThat(cron).allSatisfy(t -> assertThat(t.getEpochSecond() % 60).as("cron fires on minute boundaries")
                .isZero());

        JsonNode event = firesOf("every-minute-cron").getFirst().event();
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("account").asText()).isEqualTo(ServerFixture.ACCOUNT);
        assertThat(event.path("region").asText()).isEqualTo(ServerFixture.REGION);
        assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
        assertThat(event.path("resources")).hasSize(1);
        assertThat(event.path("detail").isObject() && event.path("detail").isEmpty()).isTrue();
    }

    @Test
    void constantInputAndInputPathReplaceTheScheduledEvent() {
        start(FAST);
        createReporter("with-input");
        schedule("custom-input", "rate(1 minute)", RuleState.ENABLED,
                Target.builder().id("constant").arn(ServerFixture.arn("with-input"))
                        .input("{\"custom-value\":\"somecustominput\"}").build(),
                Target.builder().id("path").arn(ServerFixture.arn("with-input")).inputPath("$.resources").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> reports.stream().anyMatch(r -> r.event().has(
                "custom-value")) && reports.stream().anyMatch(r -> r.event().isArray()));
        JsonNode constant = reports.stream().filter(r -> r.event().has("custom-value")).findFirst().orElseThrow()
                .event();
        assertThat(constant.toString()).isEqualTo("{\"custom-value\":\"somecustominput\"}");
        JsonNode path = reports.stream().filter(r -> r.event().isArray()).findFirst().orElseThrow().event();
        assertThat(path.toString()).isEqualTo("[\"" + ruleArn("custom-input") + "\"]");
    }

    @Test
    void disabledRulesDoNotFireUntilEnabled() {
        start(FAST);
        createReporter("quiet");
        schedule("dormant", "rate(1 minute)", RuleState.DISABLED, target("t", "quiet"));
        schedule("control", "cron(* * * * ? *)", RuleState.ENABLED, target("t", "quiet"));
        await().atMost(Duration.ofSeconds(60)).until(() -> firesOf("control").size() >= 3);
        assertThat(firesOf("dormant")).as("a disabled rule does not fire").isEmpty();

        events.enableRule(r -> r.name("dormant"));
        await().atMost(Duration.ofSeconds(30)).until(() -> firesOf("dormant").size() >= 2);
        events.disableRule(r -> r.name("dormant"));
        awaitQueueDrained();
        int afterDisable = firesOf("dormant").size();
        int control = firesOf("control").size();
        await().atMost(Duration.ofSeconds(60)).until(() -> firesOf("control").size() >= control + 3);
        assertThat(firesOf("dormant")).as("disabled again, it stays silent").hasSize(afterDisable);
        assertEveryMinuteOnce(scheduledTimes("dormant"));
    }

    @Test
    void onTheRealClockARuleFiresWithinASecondOfItsScheduledTime() {
        start("1");
        createReporter("punctual");
        // Warm the function so the measured delay is the scheduler's, not a cold start's.
        lambda.invoke(r -> r.functionName("punctual").payload(SdkBytes.fromUtf8String("{\"warm\":true}")));
        schedule("punctual", "cron(* * * * ? *)", RuleState.ENABLED, target("t", "punctual"));
        await().atMost(Duration.ofSeconds(75)).until(() -> !firesOf("punctual").isEmpty());
        Report fire = firesOf("punctual").getFirst();
        Instant scheduled = Instant.parse(fire.event().path("time").asText());
        long delayMs = fire.arrivedMs() - scheduled.toEpochMilli();
        System.out.println("real clock: scheduled " + scheduled + ", the function reported " + delayMs + " ms later");
        assertThat(scheduled.getEpochSecond() % 60).isZero();
        assertThat(delayMs).as("reported within a second of the scheduled time, not before it").isBetween(0L, 999L);
    }

    @Test
    void withEnforcedPermissionsOnlyFunctionsWhosePolicyAllowsTheRuleAreInvoked() {
        start(FAST, "--invoke-permissions", "enforce");
        createReporter("allowed");
        createReporter("refused");
        lambda.addPermission(r -> r.functionName("allowed").statementId("events").action("lambda:InvokeFunction")
                .principal("events.amazonaws.com").sourceArn(ruleArn("guarded")));
        schedule("guarded", "rate(1 minute)", RuleState.ENABLED,
                Target.builder().id("a").arn(ServerFixture.arn("allowed")).input("{\"who\":\"allowed\"}").build(),
                Target.builder().id("r").arn(ServerFixture.arn("refused")).input("{\"who\":\"refused\"}").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> reports.stream()
                .filter(r -> r.event().path("who").asText().equals("allowed")).count() >= 3);
        assertThat(reports).as("the refused function's fires are dropped, the allowed one's delivered")
                .noneMatch(r -> r.event().path("who").asText().equals("refused"));
    }
}
