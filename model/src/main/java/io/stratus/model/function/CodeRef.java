package io.stratus.model.function;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A deployment package held by the code store, named by the SHA-256 of its bytes.
 *
 * @param sha256Hex lowercase hex SHA-256 of the zip bytes (64 characters)
 * @param sizeBytes length of the zip in bytes
 */
public record CodeRef(String sha256Hex, long sizeBytes) {

    public CodeRef {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256Hex must be 64 lowercase hex digits: " + sha256Hex);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
        }
    }

    /** {@code CodeSha256} as Lambda reports it: standard padded base64 of the raw digest. */
    public String sha256Base64() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }
}
