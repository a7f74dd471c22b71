package io.stratus.api.url;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Url-ids and the URLs built from them. A URL is {@code http://{url-id}.lambda-url.{host}:{port}/}, where host and
 * port are the ones the client used to reach the API; when that host is an IP address the URL uses
 * {@code localhost} instead, because a host name cannot be prefixed to an IP address and browsers, curl and most
 * resolvers send {@code *.localhost} to the loopback address.
 */
public final class FunctionUrls {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[.*]|.*:.*");

    private FunctionUrls() {
    }

    /** A new random url-id: 32 characters of {@code [a-z0-9]}, as Lambda's. */
    public static String newUrlId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * The URL clients call for a url-id.
     *
     * @param baseUrl scheme, host and port the client used for the API, such as {@code http://127.0.0.1:9000}
     */
    public static String url(String urlId, String baseUrl) {
        URI base = URI.create(baseUrl);
        String host = base.getHost() == null ? "localhost" : base.getHost().toLowerCase(Locale.ROOT);
        if (IP_ADDRESS.matcher(host).matches()) {
            host = "localhost";
        }
        String port = base.getPort() < 0 ? "" : ":" + base.getPort();
        return base.getScheme() + "://" + urlId + ".lambda-url." + host + port + "/";
    }
}
