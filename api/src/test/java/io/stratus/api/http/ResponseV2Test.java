package io.stratus.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ResponseV2Test {

    private static HttpAnswer answer(String payload) throws ResponseV2.MalformedResponseException {
        return ResponseV2.of(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(HttpAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void mapsStatusHeadersCookiesAndBody() throws Exception {
        HttpAnswer a = answer("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\",\"X-N\":5},"
                + "\"cookies\":[\"s=1; Max-Age=60\",\"t=2\"],\"body\":\"created\"}");

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.headers()).containsExactly(new HeaderField("Content-Type", "text/plain"),
                new HeaderField("X-N", "5"), new HeaderField("Set-Cookie", "s=1; Max-Age=60"),
                new HeaderField("Set-Cookie", "t=2"));
        assertThat(body(a)).isEqualTo("created");
    }

    @Test
    void decodesBase64Bodies() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xfe};
        HttpAnswer a = answer("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\",\"headers\":{\"content-type\":\"image/png\"}}");

        assertThat(a.body()).isEqualTo(bytes);
        assertThat(a.header("Content-Type")).contains("image/png");
    }

    @Test
    void addsJsonContentTypeWhenTheFunctionSetsNone() throws Exception {
        HttpAnswer a = answer("{\"statusCode\":200,\"body\":\"body123\"}");

        assertThat(a.header("content-type")).contains("application/json");
        assertThat(body(a)).isEqualTo("body123");
    }

    @Test
    void multiValueHeadersRepeat() throws Exception {
        HttpAnswer a = answer("{\"statusCode\":200,\"multiValueHeaders\":{\"X-A\":[\"1\",\"2\"]}}");

        assertThat(a.headers()).contains(new HeaderField("X-A", "1"), new HeaderField("X-A", "2"));
        assertThat(a.body()).isEmpty();
    }

    @Test
    void plainValuesAnswer200WithTheirJson() throws Exception {
        assertThat(body(answer("{\"hello\":\"world\"}"))).isEqualTo("{\"hello\":\"world\"}");
        assertThat(body(answer("[\"hello\",3,true]"))).isEqualTo("[\"hello\",3,true]");
        assertThat(body(answer("3.1"))).isEqualTo("3.1");
        assertThat(body(answer("true"))).isEqualTo("true");
        assertThat(body(answer("null"))).isEqualTo("null");
        HttpAnswer string = answer("\"hello\"");
        assertThat(body(string)).isEqualTo("hello");
        assertThat(string.status()).isEqualTo(200);
        assertThat(string.header("Content-Type")).contains("application/json");
    }

    @Test
    void refusesWhatCannotBeAnHttpResponse() {
        assertThatThrownBy(() -> answer("not json")).isInstanceOf(ResponseV2.MalformedResponseException.class);
        assertThatThrownBy(() -> answer("{\"statusCode\":\"abc\"}"))
                .isInstanceOf(ResponseV2.MalformedResponseException.class);
        assertThatThrownBy(() -> answer("{\"statusCode\":42}"))
                .isInstanceOf(ResponseV2.MalformedResponseException.class);
        assertThatThrownBy(() -> answer("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"%%%\"}"))
                .isInstanceOf(ResponseV2.MalformedResponseException.class);
    }
}
