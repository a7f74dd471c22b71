package io.stratus.runtime.java.json;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over UTF-8 JSON text that hands out one token at a time; {@link JsonReader} decides what to build.
 *
 * <p>Lenient where AWS's serializer is: single-quoted strings, unquoted field names, {@code NaN} and
 * {@code Infinity}, leading zeros, a backslash before any character and raw control characters in strings.
 * Not thread-safe; one instance per document.
 */
final class JsonParser {
    /** Marker for the literal {@code null}, so callers can tell it from "no value". */
    static final Object NULL = new Object();

    private final byte[] in;
    private final int end;
    private int pos;

    JsonParser(byte[] in, int offset, int length) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
    }

    /** The next non-whitespace byte, not consumed; -1 at the end of the input. */
    int peek() {
        while (pos < end) {
            int b = in[pos] & 0xff;
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
            pos++;
        }
        return -1;
    }

    /** Consumes {@code c} if it is the next non-whitespace byte. */
    boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!consume(c)) {
            throw unexpected("'" + c + "'");
        }
    }

    /** Fails unless only whitespace is left. */
    void expectEnd() {
        if (peek() != -1) {
            throw unexpected("the end of the input");
        }
    }

    /** True if the next token is a string, a number, a boolean or null. */
    boolean atScalar() {
        int c = peek();
        return c != '{' && c != '[' && c != -1;
    }

    /**
     * Reads a string, number, boolean or null: a {@link String}, a {@link JsonNumber}, a {@link Boolean} or
     * {@link #NULL}.
     */
    Object readScalar() {
        int c = peek();
        if (c == '"' || c == '\'') {
            return readString();
        }
        if (c == '-' || c == '+' || (c >= '0' && c <= '9') || c == '.') {
            return readNumber();
        }
        if (c == 'N' || c == 'I') {
            return new JsonNumber(readWord());
        }
        String word = readWord();
        switch (word) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return NULL;
            default:
                pos -= word.length();
                throw unexpected("a value");
        }
    }

    /** Reads a quoted string (either quote character). */
    String readString() {
        int quote = peek();
        if (quote != '"' && quote != '\'') {
            throw unexpected("a string");
        }
        int start = ++pos;
        while (pos < end) {
            byte b = in[pos];
            if (b == quote) {
                return new String(in, start, pos++ - start, StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                return readEscaped(quote, start);
            }
            pos++;
        }
        throw error("Unterminated string");
    }

    /** Reads an object member name: a string, or a bare word of letters, digits, '_', '$' and '-'. */
    String readName() {
        int c = peek();
        if (c == '"' || c == '\'') {
            return readString();
        }
        String word = readWord();
        if (word.isEmpty()) {
            throw unexpected("a field name");
        }
        return word;
    }

    /** Skips one complete value of any kind. */
    void skipValue() {
        int depth = 0;
        do {
            int c = peek();
            if (c == '{' || c == '[') {
                pos++;
                depth++;
            } else if (c == '}' || c == ']') {
                pos++;
                depth--;
            } else if (c == ',' || c == ':') {
                pos++;
            } else if (c == '"' || c == '\'') {
                readString();
            } else if (c == -1) {
                throw error("Unexpected end of input");
            } else {
                readScalar();
            }
        } while (depth > 0);
    }

    JsonException unexpected(String expected) {
        int c = peek();
        String found = c == -1 ? "end of input" : "'" + (char) c + "'";
        return error("Expected " + expected + " but found " + found);
    }

    JsonException error(String message) {
        return new JsonException(message + " at offset " + pos);
    }

    private String readEscaped(int quote, int start) {
        StringBuilder text = new StringBuilder(pos - start + 16);
        text.append(new String(in, start, pos - start, StandardCharsets.UTF_8));
        while (pos < end) {
            byte b = in[pos];
            if (b == quote) {
                pos++;
                return text.toString();
            }
            if (b == '\\') {
                pos++;
                text.append(readEscape());
            } else {
                int run = pos;
                while (pos < end && in[pos] != quote && in[pos] != '\\') {
                    pos++;
                }
                text.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
            }
        }
        throw error("Unterminated string");
    }

    private char readEscape() {
        if (pos >= end) {
            throw error("Unterminated string");
        }
        char c = (char) (in[pos++] & 0xff);
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'u':
                return readHex();
            default:
                return c;
        }
    }

    private char readHex() {
        if (pos + 4 > end) {
            throw error("Truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(in[pos++], 16);
            if (digit < 0) {
                throw error("Bad \\u escape");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    private JsonNumber readNumber() {
        int start = pos;
        if (in[pos] == '-' && pos + 1 < end && in[pos + 1] == 'I') {
            pos++;
            return new JsonNumber("-" + readWord());
        }
        while (pos < end && isNumberByte(in[pos])) {
            pos++;
        }
        return new JsonNumber(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
    }

    private static boolean isNumberByte(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private String readWord() {
        int start = pos;
        while (pos < end) {
            byte b = in[pos];
            if (!(Character.isLetterOrDigit(b) || b == '_' || b == '$' || b == '-')) {
                break;
            }
            pos++;
        }
        return new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
    }
}
