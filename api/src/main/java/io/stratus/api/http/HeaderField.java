package io.stratus.api.http;

/**
 * One header line as it arrived or as it will be sent; repeated headers are repeated fields.
 *
 * @param name  the header name, in the sender's casing
 * @param value the value, unparsed
 */
public record HeaderField(String name, String value) {
}
