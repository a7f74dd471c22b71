package io.stratus.api.gateway;

import io.stratus.api.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of a Get* list under {@code maxResults}/{@code nextToken}. The token is an opaque encoding of the offset
 * of the next item; lists are in creation order, so a page boundary stays put while items are added.
 *
 * @param items     this page's items
 * @param nextToken where the next page starts, when there is one
 */
record Page<T>(List<T> items, Optional<String> nextToken) {

    private static final String TOKEN_PREFIX = "offset:";

    /** The page of {@code all} the request asks for. */
    static <T> Page<T> of(List<T> all, ApiRequest request) {
        int start = request.query("nextToken").map(Page::offset).orElse(0);
        int size = request.query("maxResults").map(Page::maxResults).orElse(Integer.MAX_VALUE);
        int end = (int) Math.min(all.size(), (long) start + size);
        if (start > all.size()) {
            return new Page<>(List.of(), Optional.empty());
        }
        Optional<String> next = end < all.size() ? Optional.of(token(end)) : Optional.empty();
        return new Page<>(all.subList(start, end), next);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                return Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the client error
        }
        throw GatewayErrors.badRequest("Invalid nextToken: " + token);
    }

    private static int maxResults(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the client error
        }
        throw GatewayErrors.badRequest("Invalid maxResults: " + value + "; it must be a positive integer.");
    }
}
