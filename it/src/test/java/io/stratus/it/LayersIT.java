package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.StratusProcess;
import io.stratus.testkit.Zips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;

/**
 * Lambda layers end to end: the layer API with Lambda's shapes and messages, functions that attach layer versions,
 * and runtimes that find what layers bring under {@code /opt} the way Lambda's do.
 */
class LayersIT extends ServerFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    /** A layer package from {@code src/test/resources/layers/<name>}. */
    static byte[] layerZip(String name) {
        return Zips.ofDirectory(Path.of("src", "test", "resources", "layers", name));
    }

    static PublishLayerVersionResponse publish(LambdaClient client, String name, byte[] zip) {
        return client.publishLayerVersion(r -> r.layerName(name).content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    static String layerArn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":layer:" + name;
    }

    /** Creates a function with layers and waits until it is Active. */
    static void deployWithLayers(String name, String runtime, String handler, byte[] zip, String... layers) {
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler(handler).role(ROLE).timeout(20)
                .memorySize(256).layers(layers).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    static LambdaException failure(ThrowingCallable call) {
        LambdaException e = catchThrowableOfType(LambdaException.class, call);
        assertThat(e).as("expected the call to fail").isNotNull();
        return e;
    }

    static void assertError(LambdaException e, int status, String type, String message) {
        assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    @Test
    void nodeFunctionLoadsALibraryACommandAndALibraryPathFromALayer() {
        String arn = publish(lambda, "node-greeter", layerZip("node-greeter")).layerVersionArn();
        deployWithLayers("layer-node", "nodejs22.x", "index.handler", functionZip("node", "uses-layer"), arn);
        InvokeResponse response = invoke("layer-node", "{\"name\":\"Ada\",\"tool\":true}");
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        JsonNode out = json(response);
        assertThat(out.path("greeting").asText()).isEqualTo("Hello from the layer, Ada!");
        assertThat(out.path("version").asText()).isEqualTo("v1");
        assertThat(out.path("tool").asText()).isEqualTo("tool from the layer");
        assertThat(out.path("ldLibraryPath").asText()).contains("/opt/lib");

        var config = lambda.getFunctionConfiguration(r -> r.functionName("layer-node"));
        assertThat(config.layers()).singleElement().satisfies(l -> {
            assertThat(l.arn()).isEqualTo(arn);
            assertThat(l.codeSize()).isEqualTo(layerZip("node-greeter").length);
        });
    }

    @Test
    void pythonFunctionImportsFromBothLayerDirectories() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("python/pygreeter/__init__.py", "def greet(name):\n    return f\"Hello from the layer, {name}!\"\n");
        for (int minor = 8; minor <= 15; minor++) {
            files.put("python/lib/python3." + minor + "/site-packages/sitegreeter.py",
                    "WHERE = \"site-packages of python3." + minor + "\"\n");
        }
        String pyLayer = publish(lambda, "python-greeter", layerZip("python-greeter")).layerVersionArn();
        String siteLayer = publish(lambda, "python-site", Zips.of(files)).layerVersionArn();
        deployWithLayers("layer-python", "python3.12", "lambda_function.lambda_handler",
                functionZip("python", "uses-layer"), pyLayer, siteLayer);
        InvokeResponse response = invoke("layer-python", "{\"name\":\"Bo\"}");
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        assertThat(json(response).path("greeting").asText()).isEqualTo("Hello from the layer, Bo!");
        assertThat(json(response).path("site").asText()).startsWith("site-packages of python3.");
    }

    @Test
    void laterLayersOverwriteFilesOfEarlierOnes() {
        String base = publish(lambda, "greeter-base", layerZip("node-greeter")).layerVersionArn();
        String patch = publish(lambda, "greeter-patch", layerZip("node-greeter-v2")).layerVersionArn();
        deployWithLayers("layer-order", "nodejs22.x", "index.handler", functionZip("node", "uses-layer"), base, patch);
        assertThat(json(invoke("layer-order", "{}")).path("version").asText()).isEqualTo("v2");

        lambda.updateFunctionConfiguration(r -> r.functionName("layer-order").layers(patch, base));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("layer-order"));
        assertThat(json(invoke("layer-order", "{}")).path("version").asText()).isEqualTo("v1");

        lambda.updateFunctionConfiguration(r -> r.functionName("layer-order").layers(List.of()));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("layer-order"));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("layer-order")).layers()).isEmpty();
        InvokeResponse without = invoke("layer-order", "{}");
        assertThat(without.functionError()).isEqualTo("Unhandled");
        assertThat(without.payload().asUtf8String()).contains("greeter");
    }

    @Test
    void customRuntimeBootstrapMayComeFromALayer() {
        String runtime = publish(lambda, "shell-runtime", layerZip("custom-runtime")).layerVersionArn();
        deployWithLayers("layer-provided", "provided.al2023", "my.handler", Zips.single("function.txt", "no bootstrap"),
                runtime);
        InvokeResponse response = invoke("layer-provided", "{\"n\":7}");
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        JsonNode out = json(response);
        assertThat(out.path("runtime").asText()).isEqualTo("layer");
        assertThat(out.path("handler").asText()).isEqualTo("my.handler");
        assertThat(out.path("event").path("n").asInt()).isEqualTo(7);
    }

    @Test
    void javaHandlerMayLiveInALayerJar() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("java/lib/hello.jar", Files.readAllBytes(Path.of("..", "test-functions", "java-hello", "target",
                "stratus-test-java-hello-0.1.0-SNAPSHOT.jar")));
        unzip(JavaRuntimeIT.built("java-hello")).forEach((name, bytes) -> {
            if (name.startsWith("lib/") && name.endsWith(".jar")) {
                files.put("java/" + name, bytes);
            }
        });
        String arn = publish(lambda, "java-hello-lib", Zips.ofBytes(files)).layerVersionArn();
        deployWithLayers("layer-java", "java21", "example.Hello", Zips.single("README.txt", "code is in the layer"),
                arn);
        InvokeResponse response = invoke("layer-java", "{\"name\":\"Cy\"}");
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        assertThat(json(response).path("body").asText()).isEqualTo("Hello, Cy!");
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Test
    void layerApiRoundTrip() throws IOException {
        byte[] zip = layerZip("node-greeter");
        PublishLayerVersionResponse first = lambda.publishLayerVersion(r -> r.layerName("round-trip")
                .description("first").licenseInfo("MIT").compatibleRuntimesWithStrings("nodejs22.x", "nodejs20.x")
                .compatibleArchitecturesWithStrings("x86_64")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        assertThat(first.version()).isEqualTo(1L);
        assertThat(first.layerArn()).isEqualTo(layerArn("round-trip"));
        assertThat(first.layerVersionArn()).isEqualTo(layerArn("round-trip") + ":1");
        assertThat(first.content().codeSize()).isEqualTo(zip.length);
        assertThat(first.content().codeSha256()).isEqualTo(FunctionLifecycleIT.base64Sha256(zip));
        assertThat(download(first.content().location())).isEqualTo(zip);
        assertThat(first.createdDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(first.compatibleRuntimesAsStrings()).containsExactly("nodejs22.x", "nodejs20.x");
        assertThat(first.compatibleArchitecturesAsStrings()).containsExactly("x86_64");
        assertThat(first.licenseInfo()).isEqualTo("MIT");
        PublishLayerVersionResponse second = lambda.publishLayerVersion(r -> r.layerName("round-trip")
                .compatibleRuntimesWithStrings("python3.12").compatibleArchitecturesWithStrings("arm64")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        assertThat(second.version()).isEqualTo(2L);
        assertThat(second.description()).isEmpty();
        assertThat(second.licenseInfo()).isNull();

        GetLayerVersionResponse got = lambda.getLayerVersion(r -> r.layerName("round-trip").versionNumber(1L));
        assertThat(got.description()).isEqualTo("first");
        assertThat(got.layerVersionArn()).isEqualTo(first.layerVersionArn());
        assertThat(got.content().codeSha256()).isEqualTo(first.content().codeSha256());
        var byArn = lambda.getLayerVersionByArn(r -> r.arn(layerArn("round-trip") + ":2"));
        assertThat(byArn.version()).isEqualTo(2L);
        assertThat(byArn.compatibleRuntimesAsStrings()).containsExactly("python3.12");
        assertThat(lambda.getLayerVersion(r -> r.layerName(layerArn("round-trip")).versionNumber(2L)).version())
                .as("LayerName may be the layer ARN").isEqualTo(2L);

        assertThat(lambda.listLayerVersions(r -> r.layerName("round-trip")).layerVersions())
                .extracting(v -> v.version()).containsExactly(2L, 1L);
        assertThat(lambda.listLayerVersions(r -> r.layerName("round-trip").compatibleRuntime("nodejs22.x"))
                .layerVersions()).extracting(v -> v.version()).containsExactly(1L);
        var page = lambda.listLayerVersions(r -> r.layerName("round-trip").maxItems(1));
        assertThat(page.layerVersions()).extracting(v -> v.version()).containsExactly(2L);
        assertThat(lambda.listLayerVersions(r -> r.layerName("round-trip").marker(page.nextMarker()))
                .layerVersions()).extracting(v -> v.version()).containsExactly(1L);
        assertThat(lambda.listLayerVersions(r -> r.layerName("never-published")).layerVersions()).isEmpty();

        LayersListItem item = lambda.listLayers().layers().stream()
                .filter(l -> l.layerName().equals("round-trip")).findFirst().orElseThrow();
        assertThat(item.layerArn()).isEqualTo(layerArn("round-trip"));
        assertThat(item.latestMatchingVersion().version()).isEqualTo(2L);
        assertThat(lambda.listLayers(r -> r.compatibleRuntime("nodejs20.x")).layers())
                .filteredOn(l -> l.layerName().equals("round-trip"))
                .singleElement().satisfies(l -> assertThat(l.latestMatchingVersion().version()).isEqualTo(1L));
        assertThat(lambda.listLayers(r -> r.compatibleArchitecture("arm64")).layers())
                .filteredOn(l -> l.layerName().equals("round-trip"))
                .singleElement().satisfies(l -> assertThat(l.latestMatchingVersion().version()).isEqualTo(2L));
        assertThat(lambda.listLayers(r -> r.compatibleRuntime("java21")).layers())
                .noneMatch(l -> l.layerName().equals("round-trip"));
        var layerPage = lambda.listLayers(r -> r.maxItems(1));
        assertThat(layerPage.layers()).hasSize(1);
        if (layerPage.nextMarker() != null) {
            assertThat(lambda.listLayers(r -> r.marker(layerPage.nextMarker())).layers())
                    .noneMatch(l -> l.layerName().equals(layerPage.layers().get(0).layerName()));
        }

        permissions();

        lambda.deleteLayerVersion(r -> r.layerName("round-trip").versionNumber(1L));
        lambda.deleteLayerVersion(r -> r.layerName("round-trip").versionNumber(1L));
        assertThat(lambda.listLayerVersions(r -> r.layerName("round-trip")).layerVersions())
                .extracting(v -> v.version()).containsExactly(2L);
        lambda.deleteLayerVersion(r -> r.layerName("round-trip").versionNumber(2L));
        assertThat(lambda.listLayerVersions(r -> r.layerName("round-trip")).layerVersions()).isEmpty();
        assertThat(lambda.listLayers().layers()).noneMatch(l -> l.layerName().equals("round-trip"));
        assertThat(publish(lambda, "round-trip", zip).version()).as("numbers are never reused").isEqualTo(3L);
    }

    /** Add, read and remove statements on round-trip:1, with Lambda's policy document and revision ids. */
    private static void permissions() throws IOException {
        String versionArn = layerArn("round-trip") + ":1";
        assertError(failure(() -> lambda.getLayerVersionPolicy(r -> r.layerName("round-trip").versionNumber(1L))),
                404, "ResourceNotFoundException", "No policy is associated with the given resource.");
        var s1 = lambda.addLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(1L).statementId("s1")
                .action("lambda:GetLayerVersion").principal("*"));
        assertThat(JSON.readTree(s1.statement())).isEqualTo(JSON.readTree("{\"Sid\":\"s1\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"lambda:GetLayerVersion\",\"Resource\":\"" + versionArn + "\"}"));
        var s2 = lambda.addLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(1L).statementId("s2")
                .action("lambda:GetLayerVersion").principal("123456789012").organizationId("o-abcdefghij")
                .revisionId(s1.revisionId()));
        assertThat(s2.revisionId()).isNotEqualTo(s1.revisionId());
        var policy = lambda.getLayerVersionPolicy(r -> r.layerName("round-trip").versionNumber(1L));
        assertThat(policy.revisionId()).isEqualTo(s2.revisionId());
        JsonNode document = JSON.readTree(policy.policy());
        assertThat(document.path("Version").asText()).isEqualTo("2012-10-17");
        assertThat(document.path("Id").asText()).isEqualTo("default");
        assertThat(document.path("Statement")).hasSize(2);
        assertThat(document.path("Statement").get(1)).isEqualTo(JSON.readTree("{\"Sid\":\"s2\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"lambda:GetLayerVersion\","
                + "\"Resource\":\"" + versionArn + "\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":"
                + "\"o-abcdefghij\"}}}"));

        assertError(failure(() -> lambda.addLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(1L)
                        .statementId("s1").action("lambda:GetLayerVersion").principal("*"))),
                409, "ResourceConflictException", "The statement id (s1) provided already exists. Please provide a new"
                        + " statement id, or remove the existing statement.");
        String stale = "The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API"
                + " to retrieve the latest Revision Id";
        assertError(failure(() -> lambda.addLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(1L)
                        .statementId("s3").action("lambda:GetLayerVersion").principal("*")
                        .revisionId(s1.revisionId()))), 412, "PreconditionFailedException", stale);
        assertError(failure(() -> lambda.addLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(1L)
                        .statementId("s3").action("*").principal("*"))), 400, "ValidationException",
                "1 validation error detected: Value '*' at 'action' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: lambda:GetLayerVersion");
        assertError(failure(() -> lambda.removeLayerVersionPermission(r -> r.layerName("round-trip")
                        .versionNumber(1L).statementId("s2").revisionId(s1.revisionId()))),
                412, "PreconditionFailedException", stale);
        assertError(failure(() -> lambda.removeLayerVersionPermission(r -> r.layerName("round-trip")
                        .versionNumber(1L).statementId("doesnotexist"))),
                404, "ResourceNotFoundException", "Statement doesnotexist is not found in resource policy.");
        for (ThrowingCallable missing : List.<ThrowingCallable>of(
                () -> lambda.getLayerVersionPolicy(r -> r.layerName("round-trip").versionNumber(9L)),
                () -> lambda.addLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(9L)
                        .statementId("s9").action("lambda:GetLayerVersion").principal("*")),
                () -> lambda.removeLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(9L)
                        .statementId("s1")))) {
            assertError(failure(missing), 404, "ResourceNotFoundException",
                    "Layer version " + layerArn("round-trip") + ":9 does not exist.");
        }
        lambda.removeLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(1L).statementId("s2"));
        var after = lambda.getLayerVersionPolicy(r -> r.layerName("round-trip").versionNumber(1L));
        assertThat(after.revisionId()).isNotEqualTo(s2.revisionId());
        assertThat(JSON.readTree(after.policy()).path("Statement")).hasSize(1);
        lambda.removeLayerVersionPermission(r -> r.layerName("round-trip").versionNumber(1L).statementId("s1"));
        assertError(failure(() -> lambda.getLayerVersionPolicy(r -> r.layerName("round-trip").versionNumber(1L))),
                404, "ResourceNotFoundException", "No policy is associated with the given resource.");
    }

    @Test
    void layerErrorsUseLambdasWording() {
        String arn = publish(lambda, "errors-layer", layerZip("node-greeter-v2")).layerVersionArn();
        String v2 = publish(lambda, "errors-layer", layerZip("node-greeter-v2")).layerVersionArn();
        String notFound = "The resource you requested does not exist.";
        assertError(failure(() -> lambda.getLayerVersion(r -> r.layerName("no-such-layer").versionNumber(1L))),
                404, "ResourceNotFoundException", notFound);
        assertError(failure(() -> lambda.getLayerVersion(r -> r.layerName("errors-layer").versionNumber(5L))),
                404, "ResourceNotFoundException", notFound);
        for (long bad : new long[] {0L, -1L}) {
            assertError(failure(() -> lambda.getLayerVersion(r -> r.layerName("errors-layer").versionNumber(bad))),
                    400, "InvalidParameterValueException", "Layer Version Cannot be less than 1");
            assertError(failure(() -> lambda.deleteLayerVersion(r -> r.layerName("errors-layer").versionNumber(bad))),
                    400, "InvalidParameterValueException", "Layer Version Cannot be less than 1");
        }
        assertError(failure(() -> lambda.getLayerVersionByArn(r -> r.arn(layerArn("errors-layer")))), 400,
                "ValidationException", "1 validation error detected: Value '" + layerArn("errors-layer") + "' at"
                        + " 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + LAYER_PATTERN);
        assertError(failure(() -> lambda.getLayerVersionByArn(r -> r.arn(layerArn("errors-layer") + ":9"))), 404,
                "ResourceNotFoundException", notFound);
        lambda.deleteLayerVersion(r -> r.layerName("no-such-layer").versionNumber(1L));

        assertError(failure(() -> lambda.listLayers(r -> r.compatibleRuntime("runtimedoesnotexist"))), 400,
                "ValidationException", "1 validation error detected: Value 'runtimedoesnotexist' at"
                        + " 'compatibleRuntime' failed to satisfy constraint: Member must satisfy enum value set: ["
                        + LIST_RUNTIMES + "]");
        assertError(failure(() -> lambda.listLayers(r -> r.compatibleArchitecture("archdoesnotexist"))), 400,
                "ValidationException", "1 validation error detected: Value 'archdoesnotexist' at"
                        + " 'compatibleArchitecture' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [x86_64, arm64]");
        assertError(failure(() -> lambda.publishLayerVersion(r -> r.layerName("errors-layer")
                        .compatibleRuntimesWithStrings("invalidruntime", "invalidruntime2", "nodejs20.x")
                        .compatibleArchitecturesWithStrings("invalidarch", "x86_64")
                        .content(c -> c.zipFile(SdkBytes.fromByteArray(layerZip("node-greeter")))))),
                400, "ValidationException", "2 validation errors detected: Value '[invalidruntime, invalidruntime2,"
                        + " nodejs20.x]' at 'compatibleRuntimes' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [" + PUBLISH_RUNTIMES + "]; Value '[invalidarch, x86_64]' at"
                        + " 'compatibleArchitectures' failed to satisfy constraint: Member must satisfy constraint:"
                        + " [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
        assertError(failure(() -> lambda.publishLayerVersion(r -> r.layerName("errors-layer")
                        .content(c -> c.s3Bucket("some-bucket").s3Key("layer.zip")))),
                400, "InvalidParameterValueException", "Error occurred while GetObject. S3 Error Code: NoSuchBucket."
                        + " S3 Error Message: The specified bucket does not exist");
        assertError(failure(() -> lambda.publishLayerVersion(r -> r.layerName("errors-layer")
                        .content(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip"))))),
                400, "InvalidParameterValueException",
                "Could not unzip uploaded file. Please check your file, then try to upload again.");
        assertThat(lambda.listLayerVersions(r -> r.layerName("errors-layer")).layerVersions())
                .as("refused publications take no number").hasSize(2);

        byte[] code = functionZip("node", "hello");
        ThrowingCallable sixLayers = () -> lambda.createFunction(r -> r.functionName("six-layers")
                .runtime("nodejs22.x").handler("index.handler").role(ROLE)
                .layers(arn, arn, arn, arn, arn, arn).code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
        assertError(failure(sixLayers), 400, "InvalidParameterValueException", "Cannot reference more than 5 layers.");
        String unknown = layerArn("doesnotexist") + ":1";
        assertError(failure(() -> createWithLayers("unknown-layer", code, unknown)), 400,
                "InvalidParameterValueException", "Layer version " + unknown + " does not exist.");
        assertError(failure(() -> createWithLayers("unknown-version", code, layerArn("errors-layer") + ":9")), 400,
                "InvalidParameterValueException", "Layer version " + layerArn("errors-layer") + ":9 does not exist.");
        assertError(failure(() -> createWithLayers("two-versions", code, arn, v2)), 400,
                "InvalidParameterValueException", "Two different versions of the same layer are not allowed to be"
                        + " referenced in the same function. " + arn + " and " + v2
                        + " are versions of the same layer.");
        String elsewhere = "arn:aws:lambda:eu-west-1:" + ACCOUNT + ":layer:errors-layer:1";
        assertError(failure(() -> createWithLayers("other-region", code, elsewhere)), 400,
                "InvalidParameterValueException",
                "Layers are not in the same region as the function. Layers are expected to be in region " + REGION
                        + ".");
        assertError(failure(() -> createWithLayers("no-version", code, layerArn("errors-layer"))), 400,
                "ValidationException", "1 validation error detected: Value '[" + layerArn("errors-layer") + "]' at"
                        + " 'layers' failed to satisfy constraint: Member must satisfy constraint: [Member must have"
                        + " length less than or equal to 2048, Member must have length greater than or equal to 1,"
                        + " Member must satisfy regular expression pattern: " + LAYER_PATTERN
                        + ", Member must not be null]");
        assertThat(lambda.listFunctions().functions()).noneMatch(f -> f.functionName().startsWith("unknown-"));

        lambda.deleteLayerVersion(r -> r.layerName("errors-layer").versionNumber(2L));
        assertError(failure(() -> createWithLayers("deleted-version", code, v2)), 400,
                "InvalidParameterValueException", "Layer version " + v2 + " does not exist.");
    }

    private static void createWithLayers(String name, byte[] code, String... layers) {
        lambda.createFunction(r -> r.functionName(name).runtime("nodejs22.x").handler("index.handler").role(ROLE)
                .layers(layers).code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
    }

    @Test
    void functionsKeepWorkingOnADeletedLayerVersionAcrossRestarts() {
        String arn = publish(lambda, "short-lived", layerZip("node-greeter")).layerVersionArn();
        deployWithLayers("layer-survivor", "nodejs22.x", "index.handler", functionZip("node", "uses-layer"), arn);
        lambda.deleteLayerVersion(r -> r.layerName("short-lived").versionNumber(1L));
        assertThat(json(invoke("layer-survivor", "{\"name\":\"Di\"}")).path("greeting").asText())
                .isEqualTo("Hello from the layer, Di!");
        // Cold start after the deletion: the package is still there.
        lambda.updateFunctionConfiguration(r -> r.functionName("layer-survivor").memorySize(320));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("layer-survivor"));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("layer-survivor")).layers())
                .singleElement().satisfies(l -> assertThat(l.arn()).isEqualTo(arn));
        assertThat(json(invoke("layer-survivor", "{}")).path("version").asText()).isEqualTo("v1");

        restart();
        InvokeResponse afterRestart = invoke("layer-survivor", "{\"name\":\"Ed\"}");
        assertThat(afterRestart.functionError()).as(afterRestart.payload().asUtf8String()).isNull();
        assertThat(json(afterRestart).path("greeting").asText()).isEqualTo("Hello from the layer, Ed!");
        assertThat(publish(lambda, "short-lived", layerZip("node-greeter-v2")).version()).isEqualTo(2L);
    }

    /** Stops the shared server cleanly and starts it again on the same data directory. */
    private static void restart() {
        lambda.close();
        assertThat(server.stop()).as(server.logText()).isTrue();
        server = StratusProcess.start(dataDir, "--keep-alive", KEEP_ALIVE_SECONDS + "s");
        lambda = client(server.endpoint());
    }

    @Test
    void layersWorkWithoutNamespaces() {
        StratusProcess plain = StratusProcess.start(scratch.resolve("data"), "--isolation", "process");
        try (LambdaClient client = client(plain.endpoint())) {
            String base = publish(client, "plain-base", layerZip("node-greeter")).layerVersionArn();
            String patch = publish(client, "plain-patch", layerZip("node-greeter-v2")).layerVersionArn();
            client.createFunction(r -> r.functionName("plain-layers").runtime("nodejs22.x").handler("index.handler")
                    .role(ROLE).layers(base, patch)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(functionZip("node", "uses-layer")))));
            client.waiter().waitUntilFunctionActiveV2(r -> r.functionName("plain-layers"));
            InvokeResponse response = client.invoke(r -> r.functionName("plain-layers")
                    .payload(SdkBytes.fromUtf8String("{\"tool\":true}")));
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            JsonNode out = JSON.readTree(response.payload().asByteArray());
            assertThat(out.path("version").asText()).isEqualTo("v2");
            assertThat(out.path("tool").asText()).isEqualTo("tool from the layer");
            assertThat(out.path("ldLibraryPath").asText()).contains(plain.dataDir().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            plain.stop();
        }
    }

    private static final String LAYER_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)"
            + "|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)";
    /** As recorded from AWS (test_layer_exceptions). */
    private static final String LIST_RUNTIMES = "ruby3.5, ruby2.6, dotnetcore1.0, python3.7, nodejs8.10, nasa, ruby2.7,"
            + " python2.7-greengrass, dotnetcore2.0, python3.8, java21, dotnet6, dotnetcore2.1, python3.9, java11,"
            + " nodejs6.10, provided, dotnetcore3.1, dotnet8, java25, java17, nodejs, nodejs4.3, java8.al2, go1.x,"
            + " dotnet10, nodejs20.x, go1.9, byol, nodejs10.x, provided.al2023, nodejs22.x, python3.10, java8,"
            + " nodejs12.x, python3.11, nodejs24.x, nodejs8.x, python3.12, nodejs14.x, nodejs8.9, nodejs26.x,"
            + " python3.13, python3.14, nodejs16.x, python3.15, provided.al2, nodejs4.3-edge, nodejs18.x, ruby3.2,"
            + " python3.4, ruby3.3, ruby3.4, ruby2.5, python3.6, python2.7";
    private static final String PUBLISH_RUNTIMES = "nodejs20.x, python3.14, provided.al2023, python3.12, python3.13,"
            + " nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8,"
            + " python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2";
}
