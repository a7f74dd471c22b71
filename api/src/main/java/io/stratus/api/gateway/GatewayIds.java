package io.stratus.api.gateway;

import java.security.SecureRandom;

/**
 * Resource ids shaped like API Gateway's: lower-case letters and digits, 10 for APIs, 7 for their parts and 6 for
 * deployments.
 */
final class GatewayIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GatewayIds() {
    }

    static String apiId() {
        return random(10);
    }

    static String partId() {
        return random(7);
    }

    static String deploymentId() {
        return random(6);
    }

    private static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
