package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stratus.testkit.Zips;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Hostile deployment packages: entries that climb out of the extraction directory ({@code ../}, {@code a/../../b},
 * an absolute path), a symbolic link, and a zip bomb. CreateFunction and UpdateFunctionCode must refuse each with
 * InvalidParameterValueException (400) and leave nothing behind: no new file in the code store, no function after a
 * refused create, the previous code after a refused update.
 */
class MaliciousZipIT extends ServerFixture {

    private static final long MAX_UNZIPPED = 262_144_000L;
    private static final String BOMB = "bomb";
    private static final String UNZIP_FAILED =
            "Could not unzip uploaded file. Please check your file, then try to upload again.";

    /** Hostile packages by case name; built once, the bomb included. */
    private static final Map<String, byte[]> HOSTILE = new LinkedHashMap<>();

    @BeforeAll
    static void buildHostilePackages() {
        HOSTILE.put("parent-directory", Zips.of(ordered("index.js", "exports.handler = async () => 1;",
                "../evil.js", "escaped")));
        HOSTILE.put("nested-climb", Zips.of(ordered("index.js", "exports.handler = async () => 1;",
                "a/../../evil.js", "escaped")));
        HOSTILE.put("absolute-path", Zips.of(ordered("index.js", "exports.handler = async () => 1;",
                "/etc/x", "escaped")));
        HOSTILE.put("symlink", Zips.withSymlink("passwd.js", "/etc/passwd"));
        HOSTILE.put(BOMB, Zips.bomb(MAX_UNZIPPED + 1024 * 1024));
    }

    static Stream<String> hostilePackages() {
        return Stream.of("parent-directory", "nested-climb", "absolute-path", "symlink", BOMB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePackages")
    void createWithHostilePackageIsRefusedAndLeavesNothing(String hostile) {
        String name = "create-" + hostile;
        byte[] zip = HOSTILE.get(hostile);
        long before = codeFiles();

        InvalidParameterValueException e = refused(() -> lambda.createFunction(nodeFunction(name)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build()));
        assertMessage(hostile, e);

        assertThat(codeFiles()).as("regular files under the code directory").isEqualTo(before);
        Throwable lookup = catchThrowable(() -> lambda.getFunction(r -> r.functionName(name)));
        assertThat(lookup).isInstanceOf(ResourceNotFoundException.class);
        assertThat(((ResourceNotFoundException) lookup).awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: " + arn(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePackages")
    void updateCodeWithHostilePackageIsRefusedAndKeepsTheOldCode(String hostile) {
        String name = "update-" + hostile;
        createActive(name);
        GetFunctionConfigurationResponse before = lambda.getFunctionConfiguration(r -> r.functionName(name));
        long filesBefore = codeFiles();
        assertThat(filesBefore).as("the function's own package is counted").isPositive();
        byte[] zip = HOSTILE.get(hostile);

        InvalidParameterValueException e = refused(() -> lambda.updateFunctionCode(r -> r.functionName(name)
                .zipFile(SdkBytes.fromByteArray(zip))));
        assertMessage(hostile, e);

        assertThat(codeFiles()).as("regular files under the code directory").isEqualTo(filesBefore);
        GetFunctionConfigurationResponse after = lambda.getFunctionConfiguration(r -> r.functionName(name));
        assertThat(after.codeSha256()).isEqualTo(before.codeSha256());
        assertThat(after.codeSize()).isEqualTo(before.codeSize());
        assertThat(after.revisionId()).isEqualTo(before.revisionId());
        assertThat(after.lastUpdateStatus()).isEqualTo(before.lastUpdateStatus());
        lambda.deleteFunction(r -> r.functionName(name));
    }

    private static InvalidParameterValueException refused(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidParameterValueException.class);
        InvalidParameterValueException e = (InvalidParameterValueException) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType"))
                .hasValue("InvalidParameterValueException");
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    /** Each refusal names its real reason, so a package refused for some other fault does not pass. */
    private static void assertMessage(String hostile, InvalidParameterValueException e) {
        String message = e.awsErrorDetails().errorMessage();
        switch (hostile) {
            case BOMB -> assertThat(message).isEqualTo("Unzipped size must be smaller than 262144000 bytes");
            case "symlink" -> assertThat(message).startsWith(UNZIP_FAILED)
                    .endsWith("The entry 'passwd.js' is a symbolic link; symbolic links are not accepted.");
            default -> assertThat(message).startsWith(UNZIP_FAILED)
                    .endsWith("' would be extracted outside the function's directory.");
        }
    }

    private static Map<String, String> ordered(String... namesAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            files.put(namesAndContents[i], namesAndContents[i + 1]);
        }
        return files;
    }
}
