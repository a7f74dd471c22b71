package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.StratusProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.FunctionUrlConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;

/**
 * Function URLs end to end: the config API through the AWS SDK, compared with Lambda's recorded answers, and the
 * URLs themselves through a plain HTTP client, path-style ({@code /lambda-url/{id}/…}) and host-style
 * ({@code {id}.lambda-url.localhost}).
 */
class FunctionUrlIT extends ServerFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("http://([a-z0-9]{32})\\.lambda-url\\.localhost:(\\d+)/");
    private static final String QUALIFIER_RULE = "failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
    private static final String FORBIDDEN = "{\"Message\":\"Forbidden. For troubleshooting Function URL"
            + " authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}";
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000";

    private static HttpClient http;
    private static String echoId;

    @BeforeAll
    static void deployEcho() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        deployUrlEcho("url-fn");
        echoId = urlId(lambda.createFunctionUrlConfig(r -> r.functionName("url-fn")
                .authType(FunctionUrlAuthType.NONE)).functionUrl());
    }

    private static void deployUrlEcho(String name) {
        deploy(name, "nodejs22.x", "index.handler", functionZip("node", "url-echo"), 10, 128);
    }

    private static String urlId(String functionUrl) {
        Matcher m = URL.matcher(functionUrl);
        assertThat(m.matches()).as("function URL %s", functionUrl).isTrue();
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(server.endpoint().getPort());
        return m.group(1);
    }

    private static URI pathStyle(String id, String pathAndQuery) {
        return server.endpoint().resolve("/lambda-url/" + id + pathAndQuery);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> get(String id, String pathAndQuery) {
        return send(HttpRequest.newBuilder(pathStyle(id, pathAndQuery)));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text(response), e);
        }
    }

    private static void assertError(ThrowingCallable call, Class<? extends LambdaException> type, int status,
                                    String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void configLifecycleMatchesLambda() {
        deployUrlEcho("url-life");
        lambda.publishVersion(r -> r.functionName("url-life"));
        lambda.createAlias(r -> r.functionName("url-life").name("live").functionVersion("1"));

        CreateFunctionUrlConfigResponse created = lambda.createFunctionUrlConfig(r -> r.functionName("url-life")
                .authType(FunctionUrlAuthType.NONE));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        String id = urlId(created.functionUrl());
        assertThat(created.functionArn()).isEqualTo(arn("url-life"));
        assertThat(created.authType()).isEqualTo(FunctionUrlAuthType.NONE);
        assertThat(created.creationTime()).matches(TIMESTAMP);
        assertThat(created.invokeMode()).as("only echoed when sent").isNull();
        assertThat(created.cors()).isNull();
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-life")
                        .authType(FunctionUrlAuthType.NONE)), ResourceConflictException.class, 409,
                "ResourceConflictException", "Failed to create function url config for [functionArn = "
                        + arn("url-life") + "]. Error message:  FunctionUrlConfig exists for this Lambda function");

        GetFunctionUrlConfigResponse got = lambda.getFunctionUrlConfig(r -> r.functionName("url-life"));
        assertThat(got.functionUrl()).isEqualTo(created.functionUrl());
        assertThat(got.invokeMode()).isEqualTo(InvokeMode.BUFFERED);
        assertThat(got.creationTime()).isEqualTo(created.creationTime());
        assertThat(got.lastModifiedTime()).matches(TIMESTAMP);

        var aliased = lambda.createFunctionUrlConfig(r -> r.functionName("url-life").qualifier("live")
                .authType(FunctionUrlAuthType.NONE).invokeMode(InvokeMode.RESPONSE_STREAM)
                .cors(c -> c.allowOrigins("https://app.example").maxAge(60)));
        assertThat(aliased.functionArn()).isEqualTo(arn("url-life") + ":live");
        assertThat(aliased.invokeMode()).isEqualTo(InvokeMode.RESPONSE_STREAM);
        assertThat(aliased.cors()).isEqualTo(Cors.builder().allowOrigins("https://app.example").maxAge(60).build());
        assertThat(urlId(aliased.functionUrl())).isNotEqualTo(id);

        UpdateFunctionUrlConfigResponse updated = lambda.updateFunctionUrlConfig(r -> r.functionName("url-life")
                .authType(FunctionUrlAuthType.AWS_IAM).cors(c -> c.allowMethods("GET", "POST")));
        assertThat(updated.authType()).isEqualTo(FunctionUrlAuthType.AWS_IAM);
        assertThat(updated.functionUrl()).as("the URL never changes").isEqualTo(created.functionUrl());
        assertThat(updated.cors().allowMethods()).containsExactly("GET", "POST");
        assertThat(updated.lastModifiedTime()).matches(TIMESTAMP);
        assertThat(updated.invokeMode()).as("BUFFERED and not sent: not echoed").isNull();
        assertThat(lambda.getFunctionUrlConfig(r -> r.functionName(arn("url-life"))).authType())
                .isEqualTo(FunctionUrlAuthType.AWS_IAM);

        ListFunctionUrlConfigsResponse all = lambda.listFunctionUrlConfigs(r -> r.functionName("url-life"));
        assertThat(all.functionUrlConfigs()).extracting(FunctionUrlConfig::functionArn)
                .containsExactly(arn("url-life"), arn("url-life") + ":live");
        assertThat(all.functionUrlConfigs()).extracting(FunctionUrlConfig::invokeMode)
                .containsExactly(InvokeMode.BUFFERED, InvokeMode.RESPONSE_STREAM);
        assertThat(all.nextMarker()).isNull();
        var first = lambda.listFunctionUrlConfigs(r -> r.functionName("url-life").maxItems(1));
        assertThat(first.functionUrlConfigs()).extracting(FunctionUrlConfig::functionArn)
                .containsExactly(arn("url-life"));
        var second = lambda.listFunctionUrlConfigs(r -> r.functionName("url-life").maxItems(1)
                .marker(first.nextMarker()));
        assertThat(second.functionUrlConfigs()).extracting(FunctionUrlConfig::functionArn)
                .containsExactly(arn("url-life") + ":live");
        assertThat(second.nextMarker()).isNull();

        lambda.deleteFunctionUrlConfig(r -> r.functionName("url-life"));
        assertError(() -> lambda.getFunctionUrlConfig(r -> r.functionName("url-life")),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertThat(lambda.getFunctionUrlConfig(r -> r.functionName("url-life").qualifier("live")).functionArn())
                .as("the alias's config is untouched").isEqualTo(arn("url-life") + ":live");
        assertThat(get(id, "/").statusCode()).as("a deleted URL refuses").isEqualTo(403);
    }

    @Test
    void configErrorsMatchLambda() {
        deployUrlEcho("url-val");
        lambda.publishVersion(r -> r.functionName("url-val"));
        lambda.createAlias(r -> r.functionName("url-val").name("live").functionVersion("1"));
        for (String q : List.of("$LATEST", "1")) {
            String message = "1 validation error detected: Value '" + q + "' at 'qualifier' " + QUALIFIER_RULE;
            assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val").qualifier(q)
                    .authType(FunctionUrlAuthType.NONE)), LambdaException.class, 400, "ValidationException", message);
            assertError(() -> lambda.getFunctionUrlConfig(r -> r.functionName("url-val").qualifier(q)),
                    LambdaException.class, 400, "ValidationException", message);
            assertError(() -> lambda.updateFunctionUrlConfig(r -> r.functionName("url-val").qualifier(q)),
                    LambdaException.class, 400, "ValidationException", message);
            assertError(() -> lambda.deleteFunctionUrlConfig(r -> r.functionName("url-val").qualifier(q)),
                    LambdaException.class, 400, "ValidationException", message);
        }
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-nope")
                        .authType(FunctionUrlAuthType.NONE)), ResourceNotFoundException.class, 404,
                "ResourceNotFoundException", "Function does not exist");
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val").qualifier("nope")
                        .authType(FunctionUrlAuthType.NONE)), ResourceNotFoundException.class, 404,
                "ResourceNotFoundException", "Function does not exist");
        assertError(() -> lambda.updateFunctionUrlConfig(r -> r.functionName(arn("url-nope"))),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", "Function does not exist");
        assertError(() -> lambda.getFunctionUrlConfig(r -> r.functionName("url-nope")),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertError(() -> lambda.getFunctionUrlConfig(r -> r.functionName("url-val")),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertError(() -> lambda.updateFunctionUrlConfig(r -> r.functionName("url-val")
                        .authType(FunctionUrlAuthType.NONE)), ResourceNotFoundException.class, 404,
                "ResourceNotFoundException", "The resource you requested does not exist.");
        assertError(() -> lambda.deleteFunctionUrlConfig(r -> r.functionName("url-val").qualifier("live")),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertError(() -> lambda.getFunctionUrlConfig(r -> r.functionName(arn("url-val") + ":live")
                        .qualifier("other")), InvalidParameterValueException.class, 400,
                "InvalidParameterValueException",
                "The derived qualifier from the function name does not match the specified qualifier.");
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val")
                        .authType(FunctionUrlAuthType.NONE).invokeMode("UNKNOWN")), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value 'UNKNOWN' at 'invokeMode' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [RESPONSE_STREAM, BUFFERED]");
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val")), LambdaException.class,
                400, "ValidationException", "1 validation error detected: Value null at 'authType' failed to"
                        + " satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val").authType("BASIC")))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("1 validation error detected: Value 'BASIC' at 'authType' failed to satisfy"
                                + " constraint: Member must satisfy enum value set: ["));
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val")
                        .authType(FunctionUrlAuthType.NONE).cors(c -> c.maxAge(86401))), LambdaException.class, 400,
                "ValidationException", "1 validation error detected: Value '86401' at 'cors.maxAge' failed to"
                        + " satisfy constraint: Member must have value less than or equal to 86400");
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val")
                        .authType(FunctionUrlAuthType.NONE)
                        .cors(c -> c.allowMethods("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "*"))),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '[GET, PUT,"
                        + " POST, PATCH, DELETE, HEAD, *]' at 'cors.allowMethods' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 6");
        assertError(() -> lambda.createFunctionUrlConfig(r -> r.functionName("url-val")
                        .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowMethods("OPTIONS"))),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '[OPTIONS]'"
                        + " at 'cors.allowMethods' failed to satisfy constraint: Member must satisfy constraint:"
                        + " [Member must have length less than or equal to 6, Member must have length greater than or"
                        + " equal to 0, Member must satisfy regular expression pattern: .*]");
        assertError(() -> lambda.listFunctionUrlConfigs(r -> r.functionName("url-nope")),
                ResourceNotFoundException.class, 404, "ResourceNotFoundException", "Function does not exist");
        assertError(() -> lambda.listFunctionUrlConfigs(r -> r.functionName("url-val").maxItems(51)),
                LambdaException.class, 400, "ValidationException", "1 validation error detected: Value '51' at"
                        + " 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50");
        assertThat(lambda.listFunctionUrlConfigs(r -> r.functionName("url-val")).functionUrlConfigs()).isEmpty();
    }

    @Test
    void pathStyleRequestsCarryTheFullPayloadV2Event() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(pathStyle(echoId, "/my/path?a=1&a=2&b=x"))
                .header("Content-Type", "application/json")
                .header("X-Multi", "v1").header("X-Multi", "v2")
                .header("Cookie", "c1=v1; c2=v2")
                .header("User-Agent", "stratus-it/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"v\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = json(response);
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/my/path");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
        JsonNode headers = event.path("headers");
        assertThat(headers.path("content-type").asText()).isEqualTo("application/json");
        assertThat(headers.path("x-multi").asText()).isEqualTo("v1,v2");
        assertThat(headers.path("user-agent").asText()).isEqualTo("stratus-it/1.0");
        assertThat(headers.has("cookie")).as("cookies are in their own field").isFalse();
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.path("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(headers.path("x-forwarded-port").asText()).isEqualTo(
                Integer.toString(server.endpoint().getPort()));
        assertThat(headers.path("x-amzn-trace-id").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(event.path("queryStringParameters").toString()).isEqualTo("{\"a\":\"1,2\",\"b\":\"x\"}");
        assertThat(event.path("body").asText()).isEqualTo("{\"k\":\"v\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.has("pathParameters")).isFalse();
        assertThat(event.has("stageVariables")).isFalse();

        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo(ACCOUNT);
        assertThat(context.path("apiId").asText()).isEqualTo(echoId);
        assertThat(context.path("domainName").asText()).isEqualTo(server.endpoint().getHost());
        assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
        assertThat(context.path("http").path("path").asText()).isEqualTo("/my/path");
        assertThat(context.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("http").path("userAgent").asText()).isEqualTo("stratus-it/1.0");
        assertThat(context.path("requestId").asText())
                .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(context.path("routeKey").asText()).isEqualTo("$default");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        assertThat(context.path("timeEpoch").asLong())
                .isBetween(before.toEpochMilli(), Instant.now().plusSeconds(1).toEpochMilli());
        assertThat(context.has("authorizer")).as("AuthType NONE has no authorizer").isFalse();
    }

    @Test
    void hostStyleRequestsAreRoutedByTheUrlIdInTheHostName() {
        String host = echoId + ".lambda-url.localhost:" + server.endpoint().getPort();
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(server.endpoint().resolve(
                "/pa2%2Fth/1?q=query&multiQuery=foo&multiQuery=%2Fbar")).header("Host", host)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = json(response);
        assertThat(event.path("rawPath").asText()).as("still percent-encoded").isEqualTo("/pa2%2Fth/1");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("q=query&multiQuery=foo&multiQuery=%2Fbar");
        assertThat(event.path("queryStringParameters").toString())
                .isEqualTo("{\"q\":\"query\",\"multiQuery\":\"foo,/bar\"}");
        assertThat(event.path("headers").path("host").asText()).isEqualTo(host);
        assertThat(event.has("body")).isFalse();
        assertThat(event.has("cookies")).isFalse();
        JsonNode context = event.path("requestContext");
        assertThat(context.path("http").path("method").asText()).isEqualTo("DELETE");
        assertThat(context.path("domainName").asText()).isEqualTo(echoId + ".lambda-url.localhost");
        assertThat(context.path("domainPrefix").asText()).isEqualTo(echoId);
    }

    @Test
    void resultsMapToHttpAsLambdaDoes() {
        HttpResponse<byte[]> string = get(echoId, "/?mode=string");
        assertThat(string.statusCode()).isEqualTo(200);
        assertThat(text(string)).as("a returned string is the body, without quotes").isEqualTo("hello");
        assertThat(string.headers().firstValue("content-type")).contains("application/json");
        assertThat(text(get(echoId, "/?mode=object"))).isEqualTo("{\"hello\":\"world\"}");
        assertThat(text(get(echoId, "/?mode=list"))).isEqualTo("[\"hello\",3,true]");
        assertThat(text(get(echoId, "/?mode=number"))).isEqualTo("3.1");

        HttpResponse<byte[]> custom = get(echoId, "/?mode=custom");
        assertThat(custom.statusCode()).isEqualTo(201);
        assertThat(custom.headers().firstValue("content-type")).contains("text/plain");
        assertThat(custom.headers().firstValue("x-custom")).contains("yes");
        assertThat(custom.headers().allValues("set-cookie")).containsExactly("s=1; Max-Age=60", "t=2; Path=/");
        assertThat(text(custom)).isEqualTo("created");
        assertThat(custom.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void binaryBodiesTravelAsBase64BothWays() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        HttpResponse<byte[]> echoed = send(HttpRequest.newBuilder(pathStyle(echoId, "/?mode=binary"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(bytes);
        assertThat(echoed.headers().firstValue("content-type")).contains("application/octet-stream");

        JsonNode event = json(send(HttpRequest.newBuilder(pathStyle(echoId, "/"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(bytes);
    }

    @Test
    void corsPreflightsAreAnsweredWithoutTheFunctionAndResponsesCarryTheGrants() {
        deployUrlEcho("url-cors");
        String id = urlId(lambda.createFunctionUrlConfig(r -> r.functionName("url-cors")
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowOrigins("https://app.example")
                        .allowMethods("GET", "POST").allowHeaders("x-custom").exposeHeaders("x-custom")
                        .maxAge(300).allowCredentials(true))).functionUrl());

        HttpResponse<byte[]> preflight = send(HttpRequest.newBuilder(pathStyle(id, "/anything"))
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.body()).as("the function did not answer").isEmpty();
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("GET,POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).contains("x-custom");
        assertThat(preflight.headers().firstValue("access-control-max-age")).contains("300");
        assertThat(preflight.headers().firstValue("access-control-allow-credentials")).contains("true");

        HttpResponse<byte[]> stranger = send(HttpRequest.newBuilder(pathStyle(id, "/"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(stranger.headers().firstValue("access-control-allow-origin")).isEmpty();

        HttpResponse<byte[]> actual = send(HttpRequest.newBuilder(pathStyle(id, "/?mode=custom"))
                .header("Origin", "https://app.example"));
        assertThat(actual.statusCode()).isEqualTo(201);
        assertThat(actual.headers().allValues("access-control-allow-origin"))
                .as("the configured grant replaces the function's").containsExactly("https://app.example");
        assertThat(actual.headers().firstValue("access-control-expose-headers")).contains("x-custom");
        assertThat(actual.headers().firstValue("access-control-allow-credentials")).contains("true");
        assertThat(get(id, "/?mode=custom").headers().firstValue("access-control-allow-origin"))
                .as("no Origin, no grant: the function's header stays").contains("https://fn.example");
    }

    @Test
    void failuresAnswerAsTheUrlFrontEndDoes() {
        HttpResponse<byte[]> failed = get(echoId, "/?mode=throw");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(text(failed)).isEqualTo("Internal Server Error");

        HttpResponse<byte[]> unknown = get("abcdefghijklmnopqrstuvwxyz012345", "/");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(text(unknown)).isEqualTo(FORBIDDEN);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");

        deployUrlEcho("url-iam");
        String id = urlId(lambda.createFunctionUrlConfig(r -> r.functionName("url-iam")
                .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl());
        HttpResponse<byte[]> unsigned = get(id, "/");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(text(unsigned)).isEqualTo(FORBIDDEN);
        HttpResponse<byte[]> signed = send(HttpRequest.newBuilder(pathStyle(id, "/")).header("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/lambda/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=0123abcd"));
        assertThat(signed.statusCode()).isEqualTo(200);
        JsonNode iam = json(signed).path("requestContext").path("authorizer").path("iam");
        assertThat(iam.path("accessKey").asText()).isEqualTo("AKIDEXAMPLE");
        assertThat(iam.path("accountId").asText()).isEqualTo(ACCOUNT);

        lambda.putFunctionConcurrency(r -> r.functionName("url-iam").reservedConcurrentExecutions(0));
        lambda.updateFunctionUrlConfig(r -> r.functionName("url-iam").authType(FunctionUrlAuthType.NONE));
        HttpResponse<byte[]> throttled = get(id, "/");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).contains("TooManyRequestsException");
    }

    @Test
    void deletingTheAliasOrTheFunctionDeletesItsUrls() {
        deployUrlEcho("url-del");
        lambda.publishVersion(r -> r.functionName("url-del"));
        lambda.createAlias(r -> r.functionName("url-del").name("live").functionVersion("1"));
        String plain = urlId(lambda.createFunctionUrlConfig(r -> r.functionName("url-del")
                .authType(FunctionUrlAuthType.NONE)).functionUrl());
        String aliased = urlId(lambda.createFunctionUrlConfig(r -> r.functionName("url-del").qualifier("live")
                .authType(FunctionUrlAuthType.NONE)).functionUrl());
        assertThat(json(get(aliased, "/")).path("requestContext").path("apiId").asText()).isEqualTo(aliased);

        lambda.deleteAlias(r -> r.functionName("url-del").name("live"));
        assertThat(get(aliased, "/").statusCode()).isEqualTo(403);
        assertThat(lambda.listFunctionUrlConfigs(r -> r.functionName("url-del")).functionUrlConfigs())
                .extracting(FunctionUrlConfig::functionArn).containsExactly(arn("url-del"));

        lambda.deleteFunction(r -> r.functionName("url-del"));
        assertThat(get(plain, "/").statusCode()).isEqualTo(403);
        deployUrlEcho("url-del");
        assertThat(lambda.listFunctionUrlConfigs(r -> r.functionName("url-del")).functionUrlConfigs()).isEmpty();
    }

    @Test
    void urlConfigsSurviveARestart(@TempDir Path scratch) {
        Path data = scratch.resolve("data");
        String functionUrl;
        StratusProcess first = StratusProcess.start(data);
        try (LambdaClient client = client(first.endpoint())) {
            client.createFunction(r -> r.functionName("url-durable").runtime("nodejs22.x").handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(
                            functionZip("node", "url-echo")))));
            client.waiter().waitUntilFunctionActiveV2(r -> r.functionName("url-durable"));
            functionUrl = client.createFunctionUrlConfig(r -> r.functionName("url-durable")
                    .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowOrigins("*"))).functionUrl();
        }
        assertThat(first.stop()).isTrue();

        StratusProcess second = StratusProcess.start(data);
        try (LambdaClient client = client(second.endpoint())) {
            var got = client.getFunctionUrlConfig(r -> r.functionName("url-durable"));
            String id = functionUrl.substring("http://".length(), functionUrl.indexOf('.'));
            assertThat(got.functionUrl()).startsWith("http://" + id + ".lambda-url.localhost:");
            assertThat(got.cors().allowOrigins()).containsExactly("*");
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(
                    second.endpoint().resolve("/lambda-url/" + id + "/?mode=string")));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        } finally {
            second.stop();
        }
    }
}
