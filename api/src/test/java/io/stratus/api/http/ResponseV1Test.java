package io.stratus.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ResponseV1Test {

    private static HttpAnswer answer(String payload) throws ResponseV2.MalformedResponseException {
        return ResponseV1.of(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mapsStatusHeadersAndBody() throws Exception {
        HttpAnswer a = answer("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\",\"header-bool\":true},"
                + "\"body\":\"created\",\"isBase64Encoded\":false}");

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.headers()).containsExactly(new HeaderField("Content-Type", "text/plain"),
                new HeaderField("header-bool", "true"));
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("created");
    }

    @Test
    void sendsListValuesThenTheSingleValueForANameInBothMaps() throws Exception {
        HttpAnswer a = answer("{\"statusCode\":200,\"headers\":{\"test-multi\":\"value-solo\"},"
                + "\"multiValueHeaders\":{\"Test-Multi\":[\"value-multi\"],\"Set-Cookie\":[\"a=1\",\"b=2\"]}}");

        assertThat(a.headers()).containsExactly(new HeaderField("Test-Multi", "value-multi"),
                new HeaderField("Test-Multi", "value-solo"), new HeaderField("Set-Cookie", "a=1"),
                new HeaderField("Set-Cookie", "b=2"));
        assertThat(a.body()).isEmpty();
    }

    @Test
    void acceptsAStatusCodeAsDigitsAndDecodesBase64() throws Exception {
        HttpAnswer a = answer("{\"statusCode\":\"202\",\"isBase64Encoded\":true,\"body\":\""
                + Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff}) + "\"}");

        assertThat(a.status()).isEqualTo(202);
        assertThat(a.body()).containsExactly(0, 0xff);
    }

    @Test
    void refusesWhatIsNotAProxyResponse() {
        for (String bad : new String[] {"", "\"just a string\"", "[1]", "{\"body\":\"no status\"}",
                "{\"statusCode\":99}", "{\"statusCode\":\"abc\"}", "{\"statusCode\":200,\"body\":{\"a\":1}}",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":\"not-a-list\"}}",
                "{\"statusCode\":200,\"headers\":[1]}", "not json"}) {
            assertThatThrownBy(() -> answer(bad)).as(bad).isInstanceOf(ResponseV2.MalformedResponseException.class);
        }
    }
}
