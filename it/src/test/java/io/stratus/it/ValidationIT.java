package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.Zips;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Input validation and error reporting of the function-management API, checked against the error type, HTTP
 * status and message the real Lambda service gives (as recorded from AWS): names, ARNs and qualifiers, every
 * configuration member, code packages, tags, size limits, routing of raw HTTP requests, and that a refused request
 * leaves nothing changed. Each error must also carry {@code x-amzn-RequestId} and {@code x-amzn-ErrorType}.
 */
class ValidationIT extends ServerFixture {

    /** CreateFunction/Update* FunctionName pattern, as the service reports it. */
    private static final String RE_FN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    /** GetFunction/DeleteFunction/Invoke FunctionName pattern (name may contain dots). */
    private static final String RE_NS = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)"
            + "(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    private static final String RE_QUALIFIER = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";
    private static final String RE_ROLE = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final String RE_TAG_RESOURCE = "arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}"
            + "((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?"
            + "|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}"
            + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";
    private static final String RUNTIME_ENUM = "[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13,"
            + " nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8,"
            + " python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2,"
            + " java8.al2]";
    private static final String ENV_TOO_LARGE = "Lambda was unable to configure your environment variables because"
            + " the environment variables you have provided exceeded the 4KB limit. String measured: ";
    private static final String UNZIP_FAILED =
            "Could not unzip uploaded file. Please check your file, then try to upload again.";
    private static final String NOT_REACHABLE = "Functions from 'ap-southeast-1' are not reachable in this region"
            + " ('us-east-1')";
    private static final String TAGS_ON_VERSIONS = "Tags on function aliases and versions are not supported."
            + " Please specify a function ARN.";
    private static final String STALE_REVISION = "The Revision Id provided does not match the latest Revision Id."
            + " Call the GetFunction/GetAlias API to retrieve the latest Revision Id";
    private static final long MAX_ZIPPED = 52_428_800L;
    private static final long MAX_CREATE_REQUEST = 70_167_211L;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] oversizedZip;

    // ---------------------------------------------------------------- names, ARNs, qualifiers

    @ParameterizedTest
    @ValueSource(strings = {"*", "my-function!", "invalid:function:name", "arn:aws:lambda::000000000000:function:f",
            "arn:aws:lambda:us-east-1:000000000000:function:f:1:2"})
    void createWithANameOutsideThePatternIsAValidationException(String name) {
        assertRejected(() -> lambda.createFunction(nodeFunction(name).build()), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value '" + name + "' at 'functionName' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: " + RE_FN);
    }

    @Test
    void readWithANameOutsideThePatternReportsTheNamespacedPattern() {
        assertRejected(() -> lambda.getFunction(r -> r.functionName("*")), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value '*' at 'functionName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: " + RE_NS);
    }

    @Test
    void bareNameOverSixtyFourCharactersOnCreateIsAnInvalidParameterValue() {
        String name = "a".repeat(65);
        assertRejected(() -> lambda.createFunction(nodeFunction(name).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "1 validation error detected: Value '" + name + "' at 'functionName' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 64");
        assertAbsent(name);
    }

    @Test
    void arnOverOneHundredFortyCharactersOnCreateIsAValidationException() {
        String prefix = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:";
        String tooLong = prefix + "a".repeat(141 - prefix.length());
        assertThat(tooLong).hasSize(141);
        assertRejected(() -> lambda.createFunction(nodeFunction(tooLong).build()), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value '" + tooLong + "' at 'functionName'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 140");
    }

    @Test
    void partialAndFullArnAreAcceptedOnCreate() {
        CreateFunctionResponse partial = lambda.createFunction(
                nodeFunction(ACCOUNT + ":function:created-by-partial-arn").build());
        assertThat(partial.functionName()).isEqualTo("created-by-partial-arn");
        assertThat(partial.functionArn()).isEqualTo(arn("created-by-partial-arn"));

        CreateFunctionResponse full = lambda.createFunction(nodeFunction(arn("created-by-full-arn")).build());
        assertThat(full.functionName()).isEqualTo("created-by-full-arn");
        assertThat(full.functionArn()).isEqualTo(arn("created-by-full-arn"));

        lambda.deleteFunction(r -> r.functionName("created-by-partial-arn"));
        lambda.deleteFunction(r -> r.functionName("created-by-full-arn"));
    }

    @Test
    void arnFromAnotherRegionIsNotReachable() {
        String elsewhere = "arn:aws:lambda:ap-southeast-1:" + ACCOUNT + ":function:far-away";
        assertRejected(() -> lambda.createFunction(nodeFunction(elsewhere).build()),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", NOT_REACHABLE);
        assertAbsent("far-away");

        createActive("region-bound");
        String otherRegionArn = "arn:aws:lambda:ap-southeast-1:" + ACCOUNT + ":function:region-bound";
        assertRejected(() -> lambda.getFunction(r -> r.functionName(otherRegionArn)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", NOT_REACHABLE);
        assertRejected(() -> lambda.deleteFunction(r -> r.functionName(otherRegionArn)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", NOT_REACHABLE);
        assertThat(lambda.getFunction(r -> r.functionName("region-bound")).configuration().functionName())
                .isEqualTo("region-bound");
        lambda.deleteFunction(r -> r.functionName("region-bound"));
    }

    @Test
    void qualifierInTheArnThatDiffersFromTheQualifierParameterIsAnInvalidParameterValue() {
        String versionArn = arn("some-function") + ":1";
        String message = "The derived qualifier from the function name does not match the specified qualifier.";
        assertRejected(() -> lambda.getFunction(r -> r.functionName(versionArn).qualifier("$LATEST")),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException", message);
        assertRejected(() -> lambda.getFunctionConfiguration(r -> r.functionName(versionArn).qualifier("$LATEST")),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException", message);
        assertRejected(() -> lambda.deleteFunction(r -> r.functionName(versionArn).qualifier("$LATEST")),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException", message);
    }

    @Test
    void qualifierOutsideItsPatternOrLengthIsAValidationException() {
        assertRejected(() -> lambda.getFunction(r -> r.functionName("my-function").qualifier("invalid!")),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value 'invalid!' at"
                        + " 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + RE_QUALIFIER);
        String longQualifier = "a".repeat(129);
        assertRejected(() -> lambda.getFunction(r -> r.functionName("my-function").qualifier(longQualifier)),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '"
                        + longQualifier + "' at 'qualifier' failed to satisfy constraint: Member must have length less"
                        + " than or equal to 128");
    }

    // ---------------------------------------------------------------- configuration members

    @Test
    void roleOutsideTheIamRolePatternIsAValidationException() {
        assertRejected(() -> lambda.createFunction(nodeFunction("bad-role").role("r1").build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value 'r1' at 'role'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern: " + RE_ROLE);
        assertAbsent("bad-role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"non-existent-runtime", "PYTHON3.9"})
    void unknownRuntimeIsRejectedWithTheEnumList(String runtime) {
        String message = "Value " + runtime + " at 'runtime' failed to satisfy constraint: Member must satisfy enum"
                + " value set: " + RUNTIME_ENUM + " or be a valid ARN";
        String name = "runtime-" + Integer.toHexString(runtime.hashCode());
        assertRejected(() -> lambda.createFunction(nodeFunction(name).runtime(runtime).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException", message);
        assertAbsent(name);

        createActive(name);
        assertRejected(() -> lambda.updateFunctionConfiguration(r -> r.functionName(name).runtime(runtime)),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException", message);
        lambda.deleteFunction(r -> r.functionName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.x", "python3.7"})
    void deprecatedRuntimeIsNoLongerSupportedForCreation(String runtime) {
        String name = "deprecated-" + runtime.replace('.', '-');
        assertRejected(() -> lambda.createFunction(nodeFunction(name).runtime(runtime).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "The runtime parameter of " + runtime + " is no longer supported for creating or updating AWS Lambda"
                        + " functions. We recommend you use a supported runtime while creating or updating functions.");
        assertAbsent(name);
    }

    @Test
    void zipFunctionWithoutHandlerIsAnInvalidParameterValue() {
        assertRejected(() -> lambda.createFunction(nodeFunction("no-handler").handler(null).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        assertAbsent("no-handler");
    }

    @Test
    void handlerWithWhitespaceIsAValidationException() {
        assertRejected(() -> lambda.createFunction(nodeFunction("spaced-handler").handler("index handler").build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value 'index handler'"
                        + " at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                        + " [^\\s]+");
        assertAbsent("spaced-handler");
    }

    @Test
    void memoryOutsideOneHundredTwentyEightToTenThousandTwoHundredFortyIsAValidationException() {
        assertRejected(() -> lambda.createFunction(nodeFunction("memory-low").memorySize(127).build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '127' at"
                        + " 'memorySize' failed to satisfy constraint: Member must have value greater than or equal"
                        + " to 128");
        assertRejected(() -> lambda.createFunction(nodeFunction("memory-high").memorySize(10241).build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '10241' at"
                        + " 'memorySize' failed to satisfy constraint: Member must have value less than or equal"
                        + " to 10240");
        assertAbsent("memory-low");
        assertAbsent("memory-high");
    }

    @Test
    void timeoutOutsideOneToNineHundredSecondsIsAValidationException() {
        assertRejected(() -> lambda.createFunction(nodeFunction("timeout-zero").timeout(0).build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '0' at"
                        + " 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertRejected(() -> lambda.createFunction(nodeFunction("timeout-long").timeout(901).build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '901' at"
                        + " 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
        assertAbsent("timeout-zero");
        assertAbsent("timeout-long");
    }

    @Test
    void descriptionOverTwoHundredFiftySixCharactersIsAValidationException() {
        String description = "d".repeat(257);
        assertRejected(() -> lambda.createFunction(nodeFunction("long-description").description(description).build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '"
                        + description + "' at 'description' failed to satisfy constraint: Member must have length"
                        + " less than or equal to 256");
        assertAbsent("long-description");
    }

    @Test
    void ephemeralStorageBelowFiveHundredTwelveIsAValidationException() {
        assertRejected(() -> lambda.createFunction(nodeFunction("small-tmp").ephemeralStorage(e -> e.size(511))
                        .build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '511' at"
                        + " 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than"
                        + " or equal to 512");
        assertAbsent("small-tmp");
    }

    @Test
    void architecturesMustBeOneLowercaseValue() {
        assertRejected(() -> lambda.createFunction(nodeFunction("two-archs")
                        .architecturesWithStrings("x86_64", "arm64").build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value"
                        + " '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have"
                        + " length less than or equal to 1");
        assertRejected(() -> lambda.createFunction(nodeFunction("upper-arch").architecturesWithStrings("X86_64")
                        .build()),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '[X86_64]' at"
                        + " 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must"
                        + " satisfy enum value set: [x86_64, arm64], Member must not be null]");
        assertAbsent("two-archs");
        assertAbsent("upper-arch");
    }

    @Test
    void environmentOverFourKilobytesReportsTheMeasuredString() {
        String large = "x".repeat(4081);
        assertRejected(() -> lambda.createFunction(nodeFunction("env-too-large")
                        .environment(e -> e.variables(Map.of("LARGE_VAR", large))).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                ENV_TOO_LARGE + "{\"LARGE_VAR\":\"" + large + "\"}");
        assertAbsent("env-too-large");

        Map<String, String> twoKeys = new LinkedHashMap<>();
        twoKeys.put("SMALL_VAR", "ok");
        twoKeys.put("LARGE_VAR", "x".repeat(4064));
        assertRejected(() -> lambda.createFunction(nodeFunction("env-too-large-2")
                        .environment(e -> e.variables(twoKeys)).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                ENV_TOO_LARGE + "{\"SMALL_VAR\":\"ok\",\"LARGE_VAR\":\"" + "x".repeat(4064) + "\"}");
        assertAbsent("env-too-large-2");
    }

    @Test
    void environmentOfExactlyFourKilobytesIsAccepted() {
        String value = "x".repeat(4080);
        assertThat("{\"LARGE_VAR\":\"" + value + "\"}").hasSize(4096);
        CreateFunctionResponse created = lambda.createFunction(nodeFunction("env-at-limit")
                .environment(e -> e.variables(Map.of("LARGE_VAR", value))).build());
        assertThat(created.environment().variables()).containsExactly(Map.entry("LARGE_VAR", value));
        lambda.deleteFunction(r -> r.functionName("env-at-limit"));
    }

    @Test
    void reservedEnvironmentKeyIsAnInvalidParameterValue() {
        assertRejected(() -> lambda.createFunction(nodeFunction("reserved-env")
                        .environment(e -> e.variables(Map.of("AWS_REGION", "eu-west-1"))).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Lambda was unable to configure your environment variables because the environment variables you have"
                        + " provided contains reserved keys that are currently not supported for modification."
                        + " Reserved keys used in this request: AWS_REGION");
        assertAbsent("reserved-env");
    }

    @Test
    void environmentKeyOutsideItsPatternIsAValidationException() {
        LambdaException e = rejected(() -> lambda.createFunction(nodeFunction("bad-env-key")
                        .environment(env -> env.variables(Map.of("1-BAD-KEY", "v"))).build()),
                LambdaException.class, 400, "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: ")
                .contains("at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint:"
                        + " [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
        assertAbsent("bad-env-key");
    }

    // ---------------------------------------------------------------- code packages

    @Test
    void codeThatIsNotAZipCannotBeUnzipped() {
        byte[] notAZip = "this is not a zipfile, just a random string".getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> lambda.createFunction(nodeFunction("not-a-zip")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(notAZip))).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException", UNZIP_FAILED);
        assertAbsent("not-a-zip");
    }

    @Test
    void emptyZipIsAnInvalidParameterValue() {
        LambdaException e = rejected(() -> lambda.createFunction(nodeFunction("empty-zip")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.empty()))).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith(UNZIP_FAILED);
        assertAbsent("empty-zip");
    }

    @Test
    void zippedPackageOverFiftyMegabytesIsTooLarge() throws Exception {
        byte[] zip = oversizedZip();
        assertThat((long) zip.length).isGreaterThan(MAX_ZIPPED);
        String message = "Zipped size must be smaller than 52428800 bytes";
        assertRejected(() -> lambda.createFunction(nodeFunction("zip-too-large")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build()),
                LambdaException.class, 413, "RequestEntityTooLargeException", message);
        assertAbsent("zip-too-large");

        createActive("code-too-large");
        String sha = lambda.getFunctionConfiguration(r -> r.functionName("code-too-large")).codeSha256();
        assertRejected(() -> lambda.updateFunctionCode(r -> r.functionName("code-too-large")
                        .zipFile(SdkBytes.fromByteArray(zip))),
                LambdaException.class, 413, "RequestEntityTooLargeException", message);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("code-too-large")).codeSha256())
                .isEqualTo(sha);
        lambda.deleteFunction(r -> r.functionName("code-too-large"));
    }

    @Test
    void zippedPackageJustUnderFiftyMegabytesIsAccepted() {
        byte[] noise = new byte[(int) MAX_ZIPPED - 1024 * 1024];
        new Random(7).nextBytes(noise);
        byte[] zip = Zips.ofBytes(Map.of("noise.bin", noise));
        assertThat((long) zip.length).isLessThan(MAX_ZIPPED);
        CreateFunctionResponse created = lambda.createFunction(nodeFunction("zip-at-limit")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build());
        assertThat(created.codeSize()).isEqualTo(zip.length);
        lambda.deleteFunction(r -> r.functionName("zip-at-limit"));
    }

    @Test
    void createRequestBodyOverTheLimitIsTooLarge() throws Exception {
        byte[] body = new byte[(int) MAX_CREATE_REQUEST + 1];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = send("POST", "/2015-03-31/functions",
                HttpRequest.BodyPublishers.ofByteArray(body));
        JsonNode error = assertRawError(response, 413, "RequestEntityTooLargeException");
        assertThat(error.path("message").asText())
                .isEqualTo("Request must be smaller than 70167211 bytes for the CreateFunction operation");
        assertThat(error.has("Type")).as("RequestEntityTooLargeException bodies carry no Type").isFalse();
    }

    // ---------------------------------------------------------------- create / update / delete rules

    @Test
    void moreThanFiftyTagsOnCreateExceedTheLimit() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            tags.put(i + "_key", i + "_value");
        }
        assertRejected(() -> lambda.createFunction(nodeFunction("many-tags").tags(tags).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Number of tags exceeds resource tag limit.");
        assertAbsent("many-tags");
    }

    @Test
    void creatingAnExistingFunctionIsAConflict() {
        CreateFunctionResponse original = createActive("duplicate");
        assertRejected(() -> lambda.createFunction(nodeFunction("duplicate").build()),
                ResourceConflictException.class, 409, "ResourceConflictException", "Function already exist: duplicate");
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("duplicate")).codeSha256())
                .isEqualTo(original.codeSha256());
        lambda.deleteFunction(r -> r.functionName("duplicate"));
    }

    @Test
    void updateWithAStaleRevisionIdFailsItsPrecondition() {
        CreateFunctionResponse created = createActive("stale-revision");
        GetFunctionConfigurationResponse before = lambda.getFunctionConfiguration(r -> r
                .functionName("stale-revision"));
        assertThat(before.revisionId()).isNotEqualTo(created.revisionId());
        assertRejected(() -> lambda.updateFunctionConfiguration(r -> r.functionName("stale-revision")
                        .memorySize(256).revisionId(created.revisionId())),
                PreconditionFailedException.class, 412, "PreconditionFailedException", STALE_REVISION);
        GetFunctionConfigurationResponse after = lambda.getFunctionConfiguration(r -> r
                .functionName("stale-revision"));
        assertThat(after.memorySize()).isEqualTo(128);
        assertThat(after.revisionId()).isEqualTo(before.revisionId());
        lambda.deleteFunction(r -> r.functionName("stale-revision"));
    }

    @Test
    void updatingAMissingFunctionIsNotFound() {
        String message = "Function not found: " + arn("never-created");
        assertRejected(() -> lambda.updateFunctionConfiguration(r -> r.functionName("never-created").memorySize(256)),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", message);
        assertRejected(() -> lambda.updateFunctionCode(r -> r.functionName("never-created")
                        .zipFile(SdkBytes.fromByteArray(Zips.nodeHello("x")))),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", message);
    }

    @Test
    void deletingLatestOrAnAliasByQualifierIsRefusedAndKeepsTheFunction() {
        createActive("keep-me");
        assertRejected(() -> lambda.deleteFunction(r -> r.functionName("keep-me").qualifier("$LATEST")),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "$LATEST version cannot be deleted without deleting the function.");
        assertRejected(() -> lambda.deleteFunction(r -> r.functionName("keep-me").qualifier("live")),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Deletion of aliases is not currently supported.");
        assertRejected(() -> lambda.deleteFunction(r -> r.functionName("no-such-function").qualifier("live")),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "Deletion of aliases is not currently supported.");
        assertThat(lambda.getFunction(r -> r.functionName("keep-me")).configuration().functionName())
                .isEqualTo("keep-me");
        lambda.deleteFunction(r -> r.functionName("keep-me"));
    }

    @Test
    void listFunctionsRejectsAnUnknownFunctionVersionAndZeroMaxItems() {
        assertRejected(() -> lambda.listFunctions(r -> r.functionVersion("invalid")), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value 'invalid' at 'functionVersion' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [ALL]");
        assertRejected(() -> lambda.listFunctions(r -> r.maxItems(0)), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value '0' at 'maxItems' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 1");
    }

    // ---------------------------------------------------------------- tags

    @Test
    void taggingAVersionOrLatestArnIsRefused() {
        createActive("tag-versions");
        for (String qualified : new String[] {arn("tag-versions") + ":1", arn("tag-versions") + ":$LATEST"}) {
            assertRejected(() -> lambda.tagResource(r -> r.resource(qualified).tags(Map.of("k", "v"))),
                    InvalidParameterValueException.class, 400, "InvalidParameterValueException", TAGS_ON_VERSIONS);
        }
        assertThat(lambda.listTags(r -> r.resource(arn("tag-versions"))).tags()).isEmpty();
        lambda.deleteFunction(r -> r.functionName("tag-versions"));
    }

    @Test
    void taggingAMalformedArnIsAValidationException() {
        assertRejected(() -> lambda.tagResource(r -> r.resource("arn:aws:something").tags(Map.of("k", "v"))),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value"
                        + " 'arn:aws:something' at 'resource' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: " + RE_TAG_RESOURCE);
    }

    @Test
    void taggingWithAnEmptyMapIsAnInvalidParameterValue() {
        createActive("tag-empty");
        assertRejected(() -> lambda.tagResource(r -> r.resource(arn("tag-empty")).tags(Map.of())),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException",
                "An error occurred and the request cannot be processed.");
        lambda.deleteFunction(r -> r.functionName("tag-empty"));
    }

    @Test
    void untaggingWithoutKeysIsAValidationException() throws Exception {
        createActive("untag-nothing");
        HttpResponse<String> response = send("DELETE", "/2017-03-31/tags/" + encode(arn("untag-nothing")),
                HttpRequest.BodyPublishers.noBody());
        JsonNode error = assertRawError(response, 400, "ValidationException");
        assertThat(error.path("message").asText()).isEqualTo("1 validation error detected: Value null at 'tagKeys'"
                + " failed to satisfy constraint: Member must not be null");
        assertThat(error.has("Type")).as("ValidationException bodies carry no Type").isFalse();
        lambda.deleteFunction(r -> r.functionName("untag-nothing"));
    }

    // ---------------------------------------------------------------- raw HTTP

    @Test
    void unknownPathIsANotFoundJsonErrorWithoutStackTrace() throws Exception {
        HttpResponse<String> response = send("GET", "/2015-03-31/no-such-thing/at-all",
                HttpRequest.BodyPublishers.noBody());
        assertRawError(response, 404, null);
        assertThat(response.body()).doesNotContain("\tat ").doesNotContain("io.stratus").doesNotContain("java.");
    }

    @Test
    void wrongMethodOnAKnownPathIsMethodNotAllowed() throws Exception {
        HttpResponse<String> response = send("PUT", "/2016-08-19/account-settings",
                HttpRequest.BodyPublishers.ofString("{}"));
        assertRawError(response, 405, null);
        assertThat(response.body()).doesNotContain("\tat ").doesNotContain("io.stratus");
    }

    @Test
    void percentEncodedArnInThePathIsDecoded() throws Exception {
        createActive("raw-encoded");
        String path = "/2015-03-31/functions/" + arn("raw-encoded").replace(":", "%3A");
        assertThat(path).contains("%3A").doesNotContain("lambda:");
        HttpResponse<String> got = send("GET", path, HttpRequest.BodyPublishers.noBody());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(JSON.readTree(got.body()).path("Configuration").path("FunctionName").asText())
                .isEqualTo("raw-encoded");
        HttpResponse<String> config = send("GET", path + "/configuration", HttpRequest.BodyPublishers.noBody());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).path("FunctionArn").asText()).isEqualTo(arn("raw-encoded"));
        lambda.deleteFunction(r -> r.functionName("raw-encoded"));
    }

    @Test
    void trailingSlashThatOlderSdksAddIsAccepted() throws Exception {
        HttpResponse<String> functions = send("GET", "/2015-03-31/functions/", HttpRequest.BodyPublishers.noBody());
        assertThat(functions.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(functions.body()).path("Functions").isArray()).isTrue();

        HttpResponse<String> settings = send("GET", "/2016-08-19/account-settings/",
                HttpRequest.BodyPublishers.noBody());
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(settings.body()).path("AccountLimit").path("CodeSizeZipped").asLong())
                .isEqualTo(MAX_ZIPPED);
    }

    @Test
    void malformedJsonBodyIsInvalidRequestContent() throws Exception {
        HttpResponse<String> response = send("POST", "/2015-03-31/functions",
                HttpRequest.BodyPublishers.ofString("{\"FunctionName\": \"broken\", \"Role\": "));
        JsonNode error = assertRawError(response, 400, "InvalidRequestContentException");
        assertThat(error.path("message").asText()).startsWith("Could not parse request body into json");
        assertThat(response.body()).doesNotContain("\tat ").doesNotContain("io.stratus");
        assertAbsent("broken");
    }

    // ---------------------------------------------------------------- a failed request changes nothing

    @Test
    void rejectedConfigurationUpdateLeavesConfigurationAndRevisionUnchanged() {
        createActive("unchanged");
        GetFunctionConfigurationResponse before = lambda.getFunctionConfiguration(r -> r
                .functionName("unchanged"));

        assertRejected(() -> lambda.updateFunctionConfiguration(r -> r.functionName("unchanged").memorySize(99999)),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '99999' at"
                        + " 'memorySize' failed to satisfy constraint: Member must have value less than or equal to"
                        + " 10240");
        // Valid members alongside an invalid one must not be applied either.
        rejected(() -> lambda.updateFunctionConfiguration(r -> r.functionName("unchanged").memorySize(512)
                        .description("changed").runtime("no-such-runtime")),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException");
        rejected(() -> lambda.updateFunctionConfiguration(r -> r.functionName("unchanged").timeout(30)
                        .environment(e -> e.variables(Map.of("AWS_REGION", "x")))),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException");

        GetFunctionConfigurationResponse after = lambda.getFunctionConfiguration(r -> r
                .functionName("unchanged"));
        assertThat(after).usingRecursiveComparison().ignoringFields("responseMetadata", "sdkHttpResponse")
                .isEqualTo(before);
        assertThat(after.revisionId()).isEqualTo(before.revisionId());
        assertThat(after.memorySize()).isEqualTo(128);
        assertThat(after.description()).isEmpty();
        lambda.deleteFunction(r -> r.functionName("unchanged"));
    }

    @Test
    void rejectedCreateLeavesNoFunctionAndNoCode() throws Exception {
        long filesBefore = codeFiles();
        long countBefore = lambda.getAccountSettings().accountUsage().functionCount();
        rejected(() -> lambda.createFunction(nodeFunction("never-stored")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.nodeHello("never stored"))))
                        .environment(e -> e.variables(Map.of("AWS_REGION", "x"))).build()),
                InvalidParameterValueException.class, 400, "InvalidParameterValueException");
        assertAbsent("never-stored");
        assertThat(lambda.listFunctionsPaginator().functions().stream().map(FunctionConfiguration::functionName))
                .doesNotContain("never-stored");
        assertThat(lambda.getAccountSettings().accountUsage().functionCount()).isEqualTo(countBefore);
        assertThat(codeFiles()).isEqualTo(filesBefore);
    }

    @Test
    void rejectedDuplicateCreateKeepsTheOriginalAndStoresNoCode() throws Exception {
        CreateFunctionResponse original = createActive("duplicate-code");
        long filesBefore = codeFiles();
        long usageBefore = lambda.getAccountSettings().accountUsage().totalCodeSize();
        CreateFunctionRequest second = nodeFunction("duplicate-code")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.nodeHello("a different package"))))
                .memorySize(1024).build();
        rejected(() -> lambda.createFunction(second), ResourceConflictException.class, 409,
                "ResourceConflictException");
        GetFunctionConfigurationResponse after = lambda.getFunctionConfiguration(r -> r
                .functionName("duplicate-code"));
        assertThat(after.codeSha256()).isEqualTo(original.codeSha256());
        assertThat(after.memorySize()).isEqualTo(128);
        assertThat(lambda.getAccountSettings().accountUsage().totalCodeSize()).isEqualTo(usageBefore);
        assertThat(codeFiles()).as("regular files under the code directory").isEqualTo(filesBefore);
        lambda.deleteFunction(r -> r.functionName("duplicate-code"));
    }

    @Test
    void everyRawErrorCarriesRequestIdErrorTypeAndTheBodyShapeOfItsType() throws Exception {
        JsonNode notFound = assertRawError(send("GET", "/2015-03-31/functions/" + encode(arn("not-there")),
                HttpRequest.BodyPublishers.noBody()), 404, "ResourceNotFoundException");
        assertThat(notFound.path("Type").asText()).isEqualTo("User");
        assertThat(notFound.path("Message").asText()).isEqualTo("Function not found: " + arn("not-there"));

        JsonNode invalid = assertRawError(send("GET", "/2015-03-31/functions?FunctionVersion=invalid",
                HttpRequest.BodyPublishers.noBody()), 400, "ValidationException");
        assertThat(invalid.has("Type")).as("ValidationException bodies carry no Type").isFalse();
        assertThat(invalid.path("message").asText()).startsWith("1 validation error detected: ");

        JsonNode parameter = assertRawError(send("POST", "/2015-03-31/functions", HttpRequest.BodyPublishers.ofString(
                "{\"FunctionName\":\"" + "b".repeat(65) + "\",\"Role\":\"" + ROLE + "\",\"Runtime\":\"nodejs22.x\","
                        + "\"Handler\":\"index.handler\",\"Code\":{\"ZipFile\":\"\"}}")),
                400, "InvalidParameterValueException");
        assertThat(parameter.path("Type").asText()).isEqualTo("User");
        assertThat(parameter.path("message").asText()).endsWith("Member must have length less than or equal to 64");

        assertRawError(send("PUT", "/2015-03-31/functions/" + encode("missing") + "/configuration",
                HttpRequest.BodyPublishers.ofString("{\"MemorySize\":256}")), 404, "ResourceNotFoundException");
    }

    // ---------------------------------------------------------------- helpers

    /** Asserts the call fails with this SDK exception, status, error code and exact message. */
    private static void assertRejected(ThrowingCallable call, Class<? extends LambdaException> type, int status,
                                       String errorCode, String message) {
        LambdaException e = rejected(call, type, status, errorCode);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    /** Asserts the call fails with this SDK exception, status and error code, and both AWS headers; returns it. */
    private static LambdaException rejected(ThrowingCallable call, Class<? extends LambdaException> type, int status,
                                            String errorCode) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        LambdaException e = (LambdaException) thrown;
        String message = e.awsErrorDetails().errorMessage();
        assertThat(e.awsErrorDetails().errorCode()).as("error code (message: %s)", message).isEqualTo(errorCode);
        assertThat(e.statusCode()).as("HTTP status (message: %s)", message).isEqualTo(status);
        assertThat(e.requestId()).as("request id").isNotBlank();
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType"))
                .as("x-amzn-ErrorType").hasValue(errorCode);
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId"))
                .as("x-amzn-RequestId").hasValueSatisfying(id -> assertThat(id).isNotBlank());
        return e;
    }

    /**
     * Asserts a raw response is an AWS-shaped JSON error: status, {@code x-amzn-RequestId}, {@code x-amzn-ErrorType}
     * (equal to {@code errorType} unless null) and a JSON object body with a message; returns the body.
     */
    private static JsonNode assertRawError(HttpResponse<String> response, int status, String errorType)
            throws IOException {
        assertThat(response.statusCode()).as("HTTP status of %s", response.uri()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).as("x-amzn-RequestId")
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).as("x-amzn-ErrorType")
                .hasValueSatisfying(type -> {
                    assertThat(type).isNotBlank();
                    if (errorType != null) {
                        assertThat(type).isEqualTo(errorType);
                    }
                });
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct ->
                assertThat(ct).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.isObject()).as("JSON object body: %s", response.body()).isTrue();
        assertThat(Stream.of("message", "Message").anyMatch(m -> body.path(m).isTextual()))
                .as("message member in %s", response.body()).isTrue();
        return body;
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        String base = server.endpoint().toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .method(method, body)
                .header("Content-Type", "application/json")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void assertAbsent(String name) {
        assertRejected(() -> lambda.getFunction(r -> r.functionName(name)), ResourceNotFoundException.class, 404,
                "ResourceNotFoundException", "Function not found: " + arn(name));
    }

    /** A valid zip of incompressible random bytes just over the zipped-size limit; built once per class. */
    private static synchronized byte[] oversizedZip() {
        if (oversizedZip == null) {
            byte[] noise = new byte[(int) MAX_ZIPPED + 64 * 1024];
            new Random(42).nextBytes(noise);
            oversizedZip = Zips.ofBytes(Map.of("noise.bin", noise));
        }
        return oversizedZip;
    }
}
