package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Published versions (immutable snapshots) and aliases with weighted routing, through the AWS SDK. */
class VersionsAndAliasesIT extends ServerFixture {

    private static byte[] greeter(String greeting) {
        return io.stratus.testkit.Zips.of(Map.of("index.js", "exports.handler = async (e) => ({greeting: '"
                + greeting + "', version: process.env.AWS_LAMBDA_FUNCTION_VERSION});"));
    }

    private static void newCode(String name, String greeting) {
        lambda.updateFunctionCode(r -> r.functionName(name).zipFile(SdkBytes.fromByteArray(greeter(greeting))));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
    }

    @Test
    void publishedVersionsAreImmutableSnapshotsThatCanBeReadInvokedAndDeleted() {
        deploy("ver-fn", "nodejs20.x", "index.handler", greeter("one"), 10, 128);
        var v1 = lambda.publishVersion(r -> r.functionName("ver-fn").description("first"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).isEqualTo(arn("ver-fn") + ":1");
        assertThat(v1.description()).isEqualTo("first");
        assertThat(lambda.publishVersion(r -> r.functionName("ver-fn")).version())
                .as("unchanged code and configuration give the existing version").isEqualTo("1");
        newCode("ver-fn", "two");
        String sha = lambda.getFunction(r -> r.functionName("ver-fn")).configuration().codeSha256();
        assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("ver-fn")
                .codeSha256("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith("CodeSHA256 "
                        + "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=) is different from current CodeSHA256 in $LATEST ("
                        + sha + "). Please try again with the CodeSHA256 in $LATEST.");
        assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("ver-fn").revisionId("nope")))
                .isInstanceOf(PreconditionFailedException.class);
        var v2 = lambda.publishVersion(r -> r.functionName("ver-fn").codeSha256(sha));
        assertThat(v2.version()).isEqualTo("2");

        assertThat(lambda.listVersionsByFunction(r -> r.functionName("ver-fn")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");
        assertThat(json(lambda.invoke(r -> r.functionName("ver-fn").qualifier("1"))).path("greeting").asText())
                .isEqualTo("one");
        InvokeResponse two = lambda.invoke(r -> r.functionName(arn("ver-fn") + ":2"));
        assertThat(two.executedVersion()).isEqualTo("2");
        assertThat(json(two).path("version").asText()).isEqualTo("2");
        assertThat(lambda.getFunction(r -> r.functionName("ver-fn").qualifier("1")).configuration().functionArn())
                .isEqualTo(arn("ver-fn") + ":1");
        assertThat(lambda.listFunctions(r -> r.functionVersion(FunctionVersion.ALL)).functions())
                .extracting(FunctionConfiguration::functionArn)
                .contains(arn("ver-fn") + ":$LATEST", arn("ver-fn") + ":1", arn("ver-fn") + ":2");

        lambda.deleteFunction(r -> r.functionName("ver-fn").qualifier("1"));
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("ver-fn").qualifier("1")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("ver-fn") + ":1");
        newCode("ver-fn", "three");
        assertThat(lambda.publishVersion(r -> r.functionName("ver-fn")).version())
                .as("numbers are never reused").isEqualTo("3");
        assertThat(json(lambda.invoke(r -> r.functionName("ver-fn"))).path("greeting").asText()).isEqualTo("three");
    }

    @Test
    void createAndUpdateCanPublish() {
        lambda.createFunction(r -> r.functionName("ver-pub").runtime("nodejs20.x").handler("index.handler")
                .role(ROLE).publish(true).code(c -> c.zipFile(SdkBytes.fromByteArray(greeter("a")))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("ver-pub"));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("ver-pub").qualifier("1"));
        var updated = lambda.updateFunctionCode(r -> r.functionName("ver-pub").publish(true)
                .zipFile(SdkBytes.fromByteArray(greeter("b"))));
        assertThat(updated.version()).isEqualTo("2");
        assertThat(updated.functionArn()).isEqualTo(arn("ver-pub") + ":2");
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("ver-pub"));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("ver-pub").qualifier("2"));
        assertThat(json(lambda.invoke(r -> r.functionName("ver-pub").qualifier("2"))).path("greeting").asText())
                .isEqualTo("b");
    }

    @Test
    void aWeightedAliasSplitsTrafficAndReportsTheVersionThatRan() {
        deploy("ver-canary", "nodejs20.x", "index.handler", greeter("old"), 10, 128);
        lambda.publishVersion(r -> r.functionName("ver-canary"));
        newCode("ver-canary", "new");
        lambda.publishVersion(r -> r.functionName("ver-canary"));
        var live = lambda.createAlias(r -> r.functionName("ver-canary").name("live")
                .functionVersion("1").routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.3))));
        assertThat(live.aliasArn()).isEqualTo(arn("ver-canary") + ":live");
        assertThat(live.routingConfig().additionalVersionWeights()).containsEntry("2", 0.3);
        assertThat(lambda.getAlias(r -> r.functionName("ver-canary").name("live")).revisionId())
                .isEqualTo(live.revisionId());

        AtomicInteger onTwo = new AtomicInteger();
        IntStream.range(0, 1000).forEach(i -> {
            InvokeResponse response = lambda.invoke(r -> r.functionName("ver-canary").qualifier("live"));
            String ran = json(response).path("version").asText();
            assertThat(response.executedVersion()).isEqualTo(ran);
            if (ran.equals("2")) {
                onTwo.incrementAndGet();
            }
        });
        assertThat(onTwo.get()).isBetween(240, 360);

        var moved = lambda.updateAlias(r -> r.functionName("ver-canary").name("live")
                .functionVersion("2").routingConfig(c -> c.additionalVersionWeights(Map.of())));
        assertThat(moved.routingConfig()).isNull();
        assertThat(lambda.invoke(r -> r.functionName(arn("ver-canary") + ":live")).executedVersion()).isEqualTo("2");
        assertThat(lambda.getFunction(r -> r.functionName("ver-canary").qualifier("live")).configuration()
                .functionArn()).isEqualTo(arn("ver-canary") + ":live");
        assertThat(lambda.listAliases(r -> r.functionName("ver-canary")).aliases())
                .extracting(AliasConfiguration::name).containsExactly("live");
        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("ver-canary").qualifier("2")))
                .isInstanceOf(ResourceConflictException.class);
        lambda.deleteAlias(r -> r.functionName("ver-canary").name("live"));
        assertThat(lambda.listAliases(r -> r.functionName("ver-canary")).aliases()).isEmpty();
    }

    @Test
    void badAliasesGetLambdasErrors() {
        deploy("ver-bad", "nodejs20.x", "index.handler", greeter("x"), 10, 128);
        lambda.publishVersion(r -> r.functionName("ver-bad"));
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ver-bad").name("2024")
                .functionVersion("1")))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageStartingWith("1 validation error detected: Value '2024' at 'name' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ver-bad").name("a").functionVersion("9")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("ver-bad") + ":9");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ver-bad").name("a")
                .functionVersion("$LATEST").routingConfig(c -> c.additionalVersionWeights(Map.of("1", 0.5)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("$LATEST is not supported for an alias pointing to more than 1 version");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ver-bad").name("a")
                .functionVersion("1").routingConfig(c -> c.additionalVersionWeights(Map.of("1", 0.5)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Invalid function version 1. Function version 1 is already included in "
                        + "routing configuration.");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ver-bad").name("a")
                .functionVersion("1").routingConfig(c -> c.additionalVersionWeights(Map.of("2", 2.0)))))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("Value '{2=2.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy "
                        + "constraint: Map value must satisfy constraint");
        lambda.createAlias(r -> r.functionName("ver-bad").name("ok").functionVersion("1"));
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("ver-bad").name("ok").functionVersion("1")))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageStartingWith("Alias already exists: " + arn("ver-bad") + ":ok");
        assertThatThrownBy(() -> lambda.getAlias(r -> r.functionName("ver-bad").name("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Cannot find alias arn: " + arn("ver-bad") + ":nope");
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("ver-bad").qualifier("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("ver-bad") + ":nope");
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("ver-bad").qualifier("7")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("ver-bad") + ":7");
    }
}
