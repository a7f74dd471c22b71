package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.testkit.Zips;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** The whole life of a function through the AWS SDK: create, read, list, update, tag, delete. */
class FunctionLifecycleIT extends ServerFixture {

    @Test
    void createGetUpdateTagDeleteAsLambdaDoes() throws Exception {
        byte[] zip = Zips.nodeHello("v1");
        CreateFunctionResponse created = lambda.createFunction(nodeFunction("lifecycle")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .memorySize(256).timeout(5).description("first").tags(Map.of("team", "core"))
                .environment(e -> e.variables(Map.of("GREETING", "hi"))).build());
        assertThat(created.functionArn()).isEqualTo(arn("lifecycle"));
        assertThat(created.stateAsString()).isEqualTo("Pending");
        assertThat(created.stateReasonCode().toString()).isEqualTo("Creating");
        assertThat(created.lastUpdateStatus()).isNull();
        assertThat(created.codeSha256()).isEqualTo(base64Sha256(zip));
        assertThat(created.codeSize()).isEqualTo(zip.length);
        assertThat(created.version()).isEqualTo("$LATEST");
        assertThat(created.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(created.ephemeralStorage().size()).isEqualTo(512);
        assertThat(created.architectures()).containsExactly(Architecture.X86_64);
        assertThat(created.loggingConfig().logGroup()).isEqualTo("/aws/lambda/lifecycle");
        assertThat(created.environment().variables()).containsEntry("GREETING", "hi");

        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("lifecycle"));
        GetFunctionResponse got = lambda.getFunction(r -> r.functionName("lifecycle"));
        FunctionConfiguration config = got.configuration();
        assertThat(config.state()).isEqualTo(State.ACTIVE);
        assertThat(config.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(config.revisionId()).isNotEqualTo(created.revisionId());
        assertThat(got.tags()).containsExactly(Map.entry("team", "core"));
        assertThat(got.code().repositoryType()).isEqualTo("S3");
        assertThat(download(got.code().location())).isEqualTo(zip);

        UpdateFunctionConfigurationResponse reconfigured = lambda.updateFunctionConfiguration(r -> r
                .functionName(arn("lifecycle")).memorySize(512).description("second")
                .revisionId(config.revisionId()));
        assertThat(reconfigured.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(reconfigured.memorySize()).isEqualTo(512);
        assertThat(reconfigured.environment().variables()).containsEntry("GREETING", "hi");
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("lifecycle"));

        byte[] zip2 = Zips.nodeHello("v2");
        long packagesBefore = codeFiles();
        UpdateFunctionCodeResponse dryRun = lambda.updateFunctionCode(r -> r.functionName("lifecycle")
                .zipFile(SdkBytes.fromByteArray(zip2)).dryRun(true));
        assertThat(dryRun.codeSha256()).isEqualTo(base64Sha256(zip2));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("lifecycle")).codeSha256())
                .as("DryRun changes nothing").isEqualTo(base64Sha256(zip));
        assertThat(codeFiles()).as("DryRun keeps no package").isEqualTo(packagesBefore);
        UpdateFunctionCodeResponse recoded = lambda.updateFunctionCode(r -> r.functionName("lifecycle")
                .zipFile(SdkBytes.fromByteArray(zip2)));
        assertThat(recoded.codeSha256()).isEqualTo(base64Sha256(zip2));
        assertThat(recoded.description()).isEqualTo("second");
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("lifecycle"));
        GetFunctionResponse afterCode = lambda.getFunction(r -> r.functionName("lifecycle"));
        assertThat(download(afterCode.code().location())).isEqualTo(zip2);
        assertThat(codeFiles()).as("the replaced package is removed").isEqualTo(packagesBefore);

        lambda.tagResource(r -> r.resource(arn("lifecycle")).tags(Map.of("stage", "test", "team", "platform")));
        lambda.untagResource(r -> r.resource(arn("lifecycle")).tagKeys("stage", "absent"));
        assertThat(lambda.listTags(r -> r.resource(arn("lifecycle"))).tags())
                .containsExactly(Map.entry("team", "platform"));

        lambda.deleteFunction(r -> r.functionName("lifecycle"));
        assertThat(codeFiles()).as("a deleted function's package is removed").isEqualTo(packagesBefore - 1);
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("lifecycle")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: " + arn("lifecycle"));
    }

    @Test
    void listFunctionsPaginatesOverSixtyFunctions() {
        for (int i = 0; i < 60; i++) {
            lambda.createFunction(nodeFunction(String.format("page-%02d", i)).build());
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String current = marker;
            ListFunctionsResponse page = lambda.listFunctions(r -> r.maxItems(25).marker(current));
            page.functions().forEach(f -> seen.add(f.functionName()));
            assertThat(page.functions()).hasSizeLessThanOrEqualTo(25);
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertThat(seen.stream().filter(n -> n.startsWith("page-"))).hasSize(60).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);

        // Without MaxItems a page holds at most 50, as in Lambda; the SDK paginator walks them all.
        assertThat(lambda.listFunctions().functions()).hasSizeLessThanOrEqualTo(50);
        assertThat(lambda.listFunctionsPaginator().functions().stream()
                .filter(f -> f.functionName().startsWith("page-"))).hasSize(60);
        for (int i = 0; i < 60; i++) {
            String name = String.format("page-%02d", i);
            lambda.deleteFunction(r -> r.functionName(name));
        }
    }

    @Test
    void functionIsReachableByNamePartialArnAndFullArn() {
        createActive("named-three-ways");
        assertThat(lambda.getFunction(r -> r.functionName("named-three-ways")).configuration().functionName())
                .isEqualTo("named-three-ways");
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName(ACCOUNT + ":function:named-three-ways"))
                .functionArn()).isEqualTo(arn("named-three-ways"));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName(arn("named-three-ways")).qualifier("$LATEST"))
                .functionArn()).isEqualTo(arn("named-three-ways") + ":$LATEST");
        lambda.deleteFunction(r -> r.functionName(arn("named-three-ways")));
    }

    @Test
    void accountSettingsCountFunctionsAndCode() {
        long before = lambda.getAccountSettings().accountUsage().totalCodeSize();
        byte[] zip = Zips.nodeHello("settings");
        lambda.createFunction(nodeFunction("settings").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build());
        var settings = lambda.getAccountSettings();
        assertThat(settings.accountUsage().totalCodeSize()).isEqualTo(before + zip.length);
        assertThat(settings.accountUsage().functionCount()).isGreaterThanOrEqualTo(1);
        assertThat(settings.accountLimit().codeSizeZipped()).isEqualTo(52_428_800L);
        assertThat(settings.accountLimit().codeSizeUnzipped()).isEqualTo(262_144_000L);
        assertThat(settings.accountLimit().concurrentExecutions()).isEqualTo(1000);
        lambda.deleteFunction(r -> r.functionName("settings"));
    }

    static String base64Sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
