package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The EventBridge rules API through the AWS SDK: every operation, its members and its errors as AWS words them. */
class ScheduleRulesIT extends ServerFixture {

    private static EventBridgeClient events;

    @BeforeAll
    static void eventsClient() {
        events = eventBridge(server.endpoint());
    }

    @AfterAll
    static void closeEvents() {
        events.close();
    }

    static EventBridgeClient eventBridge(java.net.URI endpoint) {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static String ruleArn(String name) {
        return "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + name;
    }

    private static Target target(String id, String arn) {
        return Target.builder().id(id).arn(arn).build();
    }

    private static void assertAwsError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EventBridgeException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void putRuleCreatesDescribesListsAndReplacesARule() {
        var created = events.putRule(r -> r.name("nightly").scheduleExpression("rate(1 minute)")
                .description("every minute").roleArn(ROLE));
        assertThat(created.ruleArn()).isEqualTo(ruleArn("nightly"));

        DescribeRuleResponse described = events.describeRule(r -> r.name("nightly"));
        assertThat(described.name()).isEqualTo("nightly");
        assertThat(described.arn()).isEqualTo(ruleArn("nightly"));
        assertThat(described.scheduleExpression()).isEqualTo("rate(1 minute)");
        assertThat(described.state()).isEqualTo(RuleState.ENABLED);
        assertThat(described.description()).isEqualTo("every minute");
        assertThat(described.roleArn()).isEqualTo(ROLE);
        assertThat(described.eventBusName()).isEqualTo("default");
        assertThat(described.createdBy()).isEqualTo(ACCOUNT);
        assertThat(described.eventPattern()).isNull();

        Rule listed = events.listRules(r -> r.namePrefix("nightly")).rules().getFirst();
        assertThat(listed.name()).isEqualTo("nightly");
        assertThat(listed.arn()).isEqualTo(ruleArn("nightly"));
        assertThat(listed.eventBusName()).isEqualTo("default");
        assertThat(listed.scheduleExpression()).isEqualTo("rate(1 minute)");
        assertThat(listed.state()).isEqualTo(RuleState.ENABLED);

        // PutRule on an existing name replaces it; omitted members are cleared, as AWS documents.
        assertThat(events.putRule(r -> r.name("nightly").scheduleExpression("cron(0 20 * * ? *)")
                .state(RuleState.DISABLED).eventBusName("default")).ruleArn()).isEqualTo(ruleArn("nightly"));
        DescribeRuleResponse replaced = events.describeRule(r -> r.name("nightly"));
        assertThat(replaced.scheduleExpression()).isEqualTo("cron(0 20 * * ? *)");
        assertThat(replaced.state()).isEqualTo(RuleState.DISABLED);
        assertThat(replaced.description()).isNull();
        assertThat(replaced.roleArn()).isNull();
    }

    @Test
    void patternRulesAreStoredAndPatternsMustBeObjects() {
        events.putRule(r -> r.name("on-pattern").eventPattern("{\"source\":[\"my.app\"]}"));
        assertThat(events.describeRule(r -> r.name("on-pattern")).eventPattern())
                .isEqualTo("{\"source\":[\"my.app\"]}");
        assertThatThrownBy(() -> events.putRule(r -> r.name("bad-pattern").eventPattern("[1]")))
                .isInstanceOf(InvalidEventPatternException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(INVALID)", "cron(0 dummy ? * MON-FRI *)", "cron(7 20 * * NOT *)",
        "cron(71 8 1 * ? *)", "cron(0 1 * * * *)", "cron(0 12 * * ?)", "cron(0 12 ? * ? *)", "rate(1 minutes)",
        "rate(5 minute)", "rate(0 minutes)", "rate(30 seconds)", "rate(1.5 hours)", "0 12 * * ? *"})
    void invalidScheduleExpressionsAreRefusedAsEventBridgeRefusesThem(String expression) {
        assertAwsError(() -> events.putRule(r -> r.name("invalid").scheduleExpression(expression)),
                "ValidationException", "Parameter ScheduleExpression is not valid.");
    }

    @Test
    void putRuleValidationMatchesEventBridge() {
        assertAwsError(() -> events.putRule(r -> r.name("nothing")), "ValidationException",
                "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        assertAwsError(() -> events.putRule(r -> r.name("custom-bus").scheduleExpression("rate(1 minute)")
                .eventBusName("my-bus")), "ValidationException",
                "ScheduleExpression is supported only on the default event bus.");
        assertAwsError(() -> events.putRule(r -> r.name("bad name!").scheduleExpression("rate(1 minute)")),
                "ValidationException", "1 validation error detected: Value 'bad name!' at 'name' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        assertAwsError(() -> events.putRule(r -> r.name("bad-state").scheduleExpression("rate(1 minute)")
                .state("PAUSED")), "ValidationException", "1 validation error detected: Value 'PAUSED' at 'state'"
                + " failed to satisfy constraint: Member must satisfy enum value set: [DISABLED, ENABLED,"
                + " ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
        assertAwsError(() -> events.putRule(r -> r.name("x".repeat(65)).scheduleExpression("rate(1 minute)")),
                "ValidationException", "1 validation error detected: Value '" + "x".repeat(65) + "' at 'name'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 64");
    }

    @Test
    void operationsOnAMissingRuleAnswerResourceNotFound() {
        String message = "Rule missing does not exist on EventBus default.";
        List<Runnable> calls = List.of(
                () -> events.describeRule(r -> r.name("missing")),
                () -> events.enableRule(r -> r.name("missing")),
                () -> events.disableRule(r -> r.name("missing")),
                () -> events.listTargetsByRule(r -> r.rule("missing")),
                () -> events.removeTargets(r -> r.rule("missing").ids("a")),
                () -> events.putTargets(r -> r.rule("missing").targets(target("a", arn("f")))));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            });
        }
        // Deleting what does not exist succeeds.
        events.deleteRule(r -> r.name("missing"));
    }

    @Test
    void enableAndDisableSwitchTheState() {
        events.putRule(r -> r.name("switch").scheduleExpression("rate(5 minutes)").state(RuleState.DISABLED));
        assertThat(events.describeRule(r -> r.name("switch")).state()).isEqualTo(RuleState.DISABLED);
        events.enableRule(r -> r.name("switch"));
        assertThat(events.describeRule(r -> r.name("switch")).state()).isEqualTo(RuleState.ENABLED);
        events.disableRule(r -> r.name("switch"));
        assertThat(events.describeRule(r -> r.name("switch")).state()).isEqualTo(RuleState.DISABLED);
    }

    @Test
    void listRulesPagesByNamePrefixAndLimit() {
        for (int i = 0; i < 5; i++) {
            String name = "page-" + i;
            events.putRule(r -> r.name(name).scheduleExpression("rate(1 hour)"));
        }
        events.putRule(r -> r.name("pages-not").scheduleExpression("rate(1 hour)"));
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String from = token;
            ListRulesResponse page = events.listRules(r -> r.namePrefix("page-").limit(2).nextToken(from));
            page.rules().forEach(rule -> names.add(rule.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(pages).isEqualTo(3);
        assertAwsError(() -> events.listRules(r -> r.limit(0)), "ValidationException", "1 validation error"
                + " detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than"
                + " or equal to 1");
    }

    @Test
    void targetsAreAddedListedReplacedAndRemovedAndKeepTheirRuleFromBeingDeleted() {
        events.putRule(r -> r.name("with-targets").scheduleExpression("rate(1 hour)"));
        PutTargetsResponse put = events.putTargets(r -> r.rule("with-targets").targets(
                Target.builder().id("plain").arn(arn("worker")).build(),
                Target.builder().id("constant").arn(arn("worker") + ":live").input("{\"custom\":\"value\"}")
                        .build()));
        assertThat(put.failedEntryCount()).isZero();
        assertThat(put.failedEntries()).isEmpty();
        List<Target> listed = events.listTargetsByRule(r -> r.rule("with-targets")).targets();
        assertThat(listed).extracting(Target::id).containsExactly("plain", "constant");
        assertThat(listed.get(1).arn()).isEqualTo(arn("worker") + ":live");
        assertThat(listed.get(1).input()).isEqualTo("{\"custom\":\"value\"}");
        assertThat(listed.get(0).input()).isNull();

        // Same id again replaces the target in place.
        events.putTargets(r -> r.rule("with-targets").targets(Target.builder().id("plain")
                .arn(arn("other")).inputPath("$.detail").build()));
        listed = events.listTargetsByRule(r -> r.rule("with-targets")).targets();
        assertThat(listed).extracting(Target::id).containsExactly("plain", "constant");
        assertThat(listed.get(0).arn()).isEqualTo(arn("other"));
        assertThat(listed.get(0).inputPath()).isEqualTo("$.detail");

        PutTargetsResponse notLambda = events.putTargets(r -> r.rule("with-targets").targets(
                target("queue", "arn:aws:sqs:us-east-1:000000000000:queue")));
        assertThat(notLambda.failedEntryCount()).isEqualTo(1);
        assertThat(notLambda.failedEntries().getFirst().targetId()).isEqualTo("queue");
        assertThat(notLambda.failedEntries().getFirst().errorCode()).isEqualTo("ValidationException");

        assertAwsError(() -> events.putTargets(r -> r.rule("with-targets").targets(target("bad",
                "not-an-arn"))), "ValidationException",
                "Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.");
        assertThatThrownBy(() -> events.putTargets(r -> r.rule("with-targets").targets(
                Target.builder().id("t3").arn(arn("f")).build(), Target.builder().id("t4").arn(arn("f")).build(),
                Target.builder().id("t5").arn(arn("f")).build(), Target.builder().id("t6").arn(arn("f")).build())))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("The requested resource exceeds the maximum number allowed."));

        assertAwsError(() -> events.deleteRule(r -> r.name("with-targets")), "ValidationException",
                "Rule can't be deleted since it has targets.");
        assertAwsError(() -> events.deleteRule(r -> r.name("with-targets").force(true)), "ValidationException",
                "Rule can't be deleted since it has targets.");
        var removed = events.removeTargets(r -> r.rule("with-targets").ids("plain", "constant", "never-added"));
        assertThat(removed.failedEntryCount()).isZero();
        assertThat(events.listTargetsByRule(r -> r.rule("with-targets")).targets()).isEmpty();
        events.deleteRule(r -> r.name("with-targets"));
        assertThatThrownBy(() -> events.describeRule(r -> r.name("with-targets")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listTargetsByRulePages() {
        events.putRule(r -> r.name("paged-targets").scheduleExpression("rate(1 hour)"));
        events.putTargets(r -> r.rule("paged-targets").targets(Target.builder().id("a").arn(arn("f")).build(),
                Target.builder().id("b").arn(arn("f")).build(), Target.builder().id("c").arn(arn("f")).build()));
        var first = events.listTargetsByRule(r -> r.rule("paged-targets").limit(2));
        assertThat(first.targets()).extracting(Target::id).containsExactly("a", "b");
        var second = events.listTargetsByRule(r -> r.rule("paged-targets").limit(2).nextToken(first.nextToken()));
        assertThat(second.targets()).extracting(Target::id).containsExactly("c");
        assertThat(second.nextToken()).isNull();
    }
}
