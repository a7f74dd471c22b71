package io.stratus.runtime.java.json;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Calendar;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes a value as compact UTF-8 JSON into a growing buffer.
 *
 * <p>As AWS's Java runtime writes results: {@code null} map values and bean properties are left out (list
 * elements are kept). Enums are written by name, {@code Date}/{@code Calendar} as epoch milliseconds,
 * {@code java.time} values as Jackson's timestamps ({@link JavaTime}), {@code byte[]}/{@code ByteBuffer} as
 * base64, {@code char[]} as a string, {@code Optional} as its value, non-finite doubles as the strings
 * {@code "NaN"}/{@code "Infinity"}, and other value types (Joda-Time, {@code UUID}, {@code URI}, {@code Path},
 * {@code Locale}, ...) as their {@code toString()}. Everything else is a bean ({@link BeanType}).
 * Not thread-safe; one instance per result.
 */
final class JsonWriter {
    private static final int MAX_DEPTH = 1000;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private byte[] buf = new byte[512];
    private int len;
    private int depth;

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    void write(Object value) {
        if (value == null) {
            ascii("null");
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (value instanceof Number n) {
            number(n);
        } else if (value instanceof Map<?, ?> map) {
            map(map);
        } else if (value instanceof Iterable<?> iterable && !(value instanceof java.nio.file.Path)) {
            iterable(iterable);
        } else if (value.getClass().isArray()) {
            array(value);
        } else {
            other(value);
        }
    }

    private void other(Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            string(value.toString());
        } else if (value instanceof Enum<?> e) {
            string(e.name());
        } else if (value instanceof Optional<?> optional) {
            write(optional.orElse(null));
        } else if (value instanceof Date date) {
            ascii(Long.toString(date.getTime()));
        } else if (value instanceof Calendar calendar) {
            ascii(Long.toString(calendar.getTimeInMillis()));
        } else if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] data = new byte[copy.remaining()];
            copy.get(data);
            string(Base64.getEncoder().encodeToString(data));
        } else if (value instanceof AtomicBoolean flag) {
            ascii(flag.get() ? "true" : "false");
        } else if (value instanceof TimeZone zone) {
            string(zone.getID());
        } else if (value instanceof Class<?> type) {
            string(type.getName());
        } else if (value instanceof java.time.temporal.TemporalAccessor || value instanceof java.time.Duration) {
            if (!JavaTime.write(value, this)) {
                string(value.toString());
            }
        } else if (isValueType(value.getClass())) {
            string(value.toString());
        } else {
            bean(value);
        }
    }

    private static boolean isValueType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.time.") || name.startsWith("org.joda.time.") || type == java.util.UUID.class
                || type == java.net.URI.class || type == java.net.URL.class || type == java.io.File.class
                || java.nio.file.Path.class.isAssignableFrom(type) || type == java.util.Locale.class
                || java.nio.charset.Charset.class.isAssignableFrom(type) || type == java.util.regex.Pattern.class
                || java.net.InetAddress.class.isAssignableFrom(type);
    }

    private void number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                string(n.toString());
            } else {
                ascii(n.toString());
            }
        } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            ascii(Long.toString(n.longValue()));
        } else if (n instanceof BigDecimal || n instanceof BigInteger) {
            ascii(n.toString());
        } else {
            ascii(n.toString());
        }
    }

    private void map(Map<?, ?> map) {
        enter('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            if (entry.getValue() == null) {
                continue;
            }
            if (key == null) {
                throw new JsonException("A map with a null key cannot be written as JSON");
            }
            first = comma(first);
            string(key instanceof Enum<?> e ? e.name() : key.toString());
            put((byte) ':');
            write(entry.getValue());
        }
        leave('}');
    }

    private void iterable(Iterable<?> iterable) {
        enter('[');
        boolean first = true;
        for (Object element : iterable) {
            first = comma(first);
            write(element);
        }
        leave(']');
    }

    private void array(Object array) {
        if (array instanceof byte[] bytes) {
            string(Base64.getEncoder().encodeToString(bytes));
            return;
        }
        if (array instanceof char[] chars) {
            string(new String(chars));
            return;
        }
        enter('[');
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            comma(i == 0);
            write(Array.get(array, i));
        }
        leave(']');
    }

    private void bean(Object bean) {
        enter('{');
        boolean first = true;
        for (Property property : BeanType.of(bean.getClass()).getters()) {
            Object value = property.get(bean);
            if (value != null) {
                first = comma(first);
                string(property.name());
                put((byte) ':');
                write(value);
            }
        }
        leave('}');
    }

    private boolean comma(boolean first) {
        if (!first) {
            put((byte) ',');
        }
        return false;
    }

    private void enter(char open) {
        if (++depth > MAX_DEPTH) {
            throw new JsonException("Value nests deeper than " + MAX_DEPTH + " levels (does it refer to itself?)");
        }
        put((byte) open);
    }

    private void leave(char close) {
        depth--;
        put((byte) close);
    }

    private void string(String s) {
        ensure(s.length() + 2);
        buf[len++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (len + 6 > buf.length) {
                ensure(6);
            }
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else {
                i = utf8(s, i, c);
            }
        }
        put((byte) '"');
    }

    private void escape(char c) {
        buf[len++] = '\\';
        switch (c) {
            case '"', '\\' -> buf[len++] = (byte) c;
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xf];
            }
        }
    }

    /** Encodes the character at {@code i} (and its low surrogate) as UTF-8; returns the last index consumed. */
    private int utf8(String s, int i, char c) {
        if (c < 0x800) {
            buf[len++] = (byte) (0xc0 | c >> 6);
            buf[len++] = (byte) (0x80 | c & 0x3f);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            buf[len++] = (byte) (0xf0 | cp >> 18);
            buf[len++] = (byte) (0x80 | cp >> 12 & 0x3f);
            buf[len++] = (byte) (0x80 | cp >> 6 & 0x3f);
            buf[len++] = (byte) (0x80 | cp & 0x3f);
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            buf[len++] = '?';
            return i;
        }
        buf[len++] = (byte) (0xe0 | c >> 12);
        buf[len++] = (byte) (0x80 | c >> 6 & 0x3f);
        buf[len++] = (byte) (0x80 | c & 0x3f);
        return i;
    }

    void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
