package io.stratus.runtime.java.json;

import java.lang.reflect.Type;

/**
 * Entry point of the mapper: reads a JSON document as a {@link Type} and writes any value as JSON. Stateless
 * and thread-safe; per-class reflection results are cached for the life of the class.
 */
public final class Json {
    private Json() {
    }

    /**
     * Reads a whole document.
     *
     * @param json UTF-8 JSON text
     * @param offset where the document starts in {@code json}
     * @param length its length in bytes
     * @param type what to build: {@code Object} gives maps, lists and boxed scalars; any class or
     *     parameterized type is bound directly
     * @return the value; {@code null} for JSON {@code null} (or the primitive's default)
     * @throws JsonException if the text is not JSON or does not fit {@code type}, or user code (a
     *     constructor, a setter) fails; the message names the byte offset
     */
    public static Object read(byte[] json, int offset, int length, Type type) {
        return new JsonReader(json, offset, length).readDocument(type);
    }

    /**
     * Writes a value.
     *
     * @param value anything; see {@link JsonWriter} for how each kind is written
     * @return compact UTF-8 JSON; {@code null} is written as {@code null}
     * @throws JsonException if the value nests deeper than 1000 levels (usually a cycle), a map has a
     *     {@code null} key, or a getter throws
     */
    public static byte[] write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.write(value);
        return writer.toByteArray();
    }
}
