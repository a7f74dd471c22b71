package io.stratus.api.lambda;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned download URLs for code packages, the counterpart of the S3 URL in {@code GetFunction.Code.Location}:
 * {@code BASE/_stratus/code/SHA.zip?expires=EPOCH&signature=HMAC}. A URL names exactly one package, is valid for
 * ten minutes as Lambda's are, and cannot be forged or widened without the server's secret key. Thread-safe.
 */
final class CodeLocations {

    static final String PATH_PREFIX = "/_stratus/code/";
    static final Duration VALIDITY = Duration.ofMinutes(10);

    private final byte[] key;
    private final InstantSource clock;

    CodeLocations(byte[] key, InstantSource clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** A URL under {@code baseUrl} from which the package can be downloaded for the next ten minutes. */
    String presign(String baseUrl, String sha256Hex) {
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        return baseUrl + PATH_PREFIX + sha256Hex + ".zip?expires=" + expires + "&signature="
                + URLEncoder.encode(sign(sha256Hex, expires), StandardCharsets.UTF_8);
    }

    /** True when the signature is ours for this package and has not expired. */
    boolean valid(String sha256Hex, long expires, String signature) {
        if (Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(sign(sha256Hex, expires).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String sha256Hex, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((sha256Hex + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
