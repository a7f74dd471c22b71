package io.stratus.api.sqs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a receipt handle carries: the queue, the message's sequence number and the token of one receive. Opaque to
 * clients (URL-safe base64); a handle of another queue or one that does not decode is invalid.
 *
 * @param queue the queue name
 * @param seq   the message's sequence number in the store
 * @param token the token of the receive that produced it
 */
record ReceiptHandle(String queue, long seq, String token) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((queue + "/" + seq + "/" + token)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a handle sent for {@code queue}.
     *
     * @throws io.stratus.model.error.ServiceError ReceiptHandleIsInvalid when it is not one of this queue's handles
     */
    static ReceiptHandle decode(String handle, String queue) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8).split("/");
            if (parts.length == 3 && parts[0].equals(queue)) {
                return new ReceiptHandle(parts[0], Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // Not base64 or not a number: falls through to the same error.
        }
        throw SqsErrors.invalidReceipt(handle);
    }
}
