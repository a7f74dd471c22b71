package io.stratus.api.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionUrlsTest {

    private static final String ID = "abcdefghijklmnopqrstuvwxyz012345";

    @Test
    void idsAreThirtyTwoLowerCaseLettersAndDigits() {
        assertThat(FunctionUrls.newUrlId()).matches("[a-z0-9]{32}").isNotEqualTo(FunctionUrls.newUrlId());
    }

    @Test
    void urlsKeepTheHostNameAndPortTheClientUsed() {
        assertThat(FunctionUrls.url(ID, "http://stratus.lan:9000"))
                .isEqualTo("http://" + ID + ".lambda-url.stratus.lan:9000/");
        assertThat(FunctionUrls.url(ID, "https://localhost")).isEqualTo("https://" + ID + ".lambda-url.localhost/");
    }

    @Test
    void ipAddressesBecomeLocalhost() {
        assertThat(FunctionUrls.url(ID, "http://127.0.0.1:4566")).isEqualTo("http://" + ID
                + ".lambda-url.localhost:4566/");
        assertThat(FunctionUrls.url(ID, "http://[::1]:4566")).isEqualTo("http://" + ID
                + ".lambda-url.localhost:4566/");
    }
}
