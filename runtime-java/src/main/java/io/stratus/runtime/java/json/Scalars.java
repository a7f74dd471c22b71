package io.stratus.runtime.java.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts a scalar token (a {@link String}, {@link JsonNumber} or {@link Boolean}) to a target class, with
 * the coercions AWS's serializer allows: numbers from strings and back, booleans from 0/1 and "true",
 * enums by name or ordinal (unknown names become {@code null}), dates from epoch milliseconds (see
 * {@link #toDate} for seconds) or ISO-8601,
 * {@code byte[]} and {@code ByteBuffer} from base64. Any other class converts through a public static
 * {@code valueOf}, {@code fromString}, {@code parse} or {@code of} method, or a public constructor taking a
 * string (or, for numbers, a {@code long}): that covers {@code java.time}, Joda-Time and most value types.
 */
final class Scalars {
    private static final String[] FACTORY_NAMES = {"valueOf", "fromString", "parse", "of"};

    private Scalars() {
    }

    static Object convert(Object token, Class<?> target) {
        try {
            if (target.isEnum()) {
                return toEnum(token, target);
            }
            Object value = convertKnown(token, target);
            return value != null ? value : convertByFactory(token, target);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            // The JDK's own message says enough; its stack (parser internals) would only add noise.
            throw new JsonException("Cannot read " + describe(token) + " as " + target.getName() + ": " + e);
        }
    }

    /** A default for a primitive type (JSON {@code null} read into an {@code int} is 0), else {@code null}. */
    static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == char.class) {
            return '\0';
        }
        return convertKnown(new JsonNumber("0"), type);
    }

    private static Object convertKnown(Object token, Class<?> target) {
        if (target == String.class || target == CharSequence.class) {
            return token instanceof JsonNumber n ? n.text() : token.toString();
        }
        if (target.isPrimitive() || Number.class.isAssignableFrom(target) || target == Boolean.class
                || target == Character.class) {
            return convertPrimitive(token, target);
        }
        if (target == Date.class) {
            return token instanceof JsonNumber n ? toDate(n) : Date.from(toInstant(token));
        }
        if (target == Instant.class) {
            return toInstant(token);
        }
        if (target == UUID.class) {
            return UUID.fromString(token.toString());
        }
        if (target == byte[].class) {
            return Base64.getMimeDecoder().decode(token.toString());
        }
        if (target == ByteBuffer.class) {
            return ByteBuffer.wrap(Base64.getMimeDecoder().decode(token.toString()));
        }
        if (target == char[].class) {
            return token.toString().toCharArray();
        }
        return null;
    }

    private static Object convertPrimitive(Object token, Class<?> target) {
        if (target == boolean.class || target == Boolean.class) {
            return toBoolean(token);
        }
        if (target == char.class || target == Character.class) {
            return toChar(token);
        }
        JsonNumber number = toNumber(token, target);
        if (target == int.class || target == Integer.class) {
            return Math.toIntExact(number.toLong());
        }
        if (target == long.class || target == Long.class) {
            return number.toLong();
        }
        if (target == double.class || target == Double.class) {
            return number.toDouble();
        }
        if (target == float.class || target == Float.class) {
            return (float) number.toDouble();
        }
        if (target == short.class || target == Short.class) {
            return narrow(number.toLong(), Short.MIN_VALUE, Short.MAX_VALUE, target).shortValue();
        }
        if (target == byte.class || target == Byte.class) {
            return narrow(number.toLong(), Byte.MIN_VALUE, Byte.MAX_VALUE, target).byteValue();
        }
        if (target == BigDecimal.class) {
            return number.toBigDecimal();
        }
        if (target == BigInteger.class) {
            return number.toBigDecimal().toBigIntegerExact();
        }
        if (target == Number.class) {
            return number.natural();
        }
        return null;
    }

    private static JsonNumber toNumber(Object token, Class<?> target) {
        if (token instanceof JsonNumber n) {
            return n;
        }
        if (token instanceof String s) {
            return new JsonNumber(s.trim());
        }
        throw new JsonException("Cannot read " + describe(token) + " as " + target.getName());
    }

    private static Long narrow(long value, long min, long max, Class<?> target) {
        if (value < min || value > max) {
            throw new JsonException("Value " + value + " is out of range for " + target.getName());
        }
        return value;
    }

    private static Boolean toBoolean(Object token) {
        if (token instanceof Boolean b) {
            return b;
        }
        if (token instanceof JsonNumber n) {
            return n.toLong() != 0;
        }
        String text = token.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new JsonException("Cannot read \"" + text + "\" as a boolean");
    }

    private static Character toChar(Object token) {
        if (token instanceof JsonNumber n) {
            return (char) n.toLong();
        }
        String text = token.toString();
        if (text.length() != 1) {
            throw new JsonException("Cannot read \"" + text + "\" as a char");
        }
        return text.charAt(0);
    }

    private static Object toEnum(Object token, Class<?> target) {
        Object[] constants = target.getEnumConstants();
        if (token instanceof JsonNumber n) {
            long ordinal = n.toLong();
            return ordinal >= 0 && ordinal < constants.length ? constants[(int) ordinal] : null;
        }
        String name = token.toString();
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    /**
     * Epoch milliseconds, as Jackson reads them, unless the number has a fraction or is below 10^11: then it is
     * epoch seconds, as in DynamoDB and Kinesis events (10^11 ms is 1973; 10^11 s is the year 5138).
     */
    private static Date toDate(JsonNumber number) {
        if (number.integral()) {
            long value = number.toLong();
            return Math.abs(value) >= 100_000_000_000L ? new Date(value) : new Date(value * 1000);
        }
        return new Date(number.toBigDecimal().movePointRight(3).longValue());
    }

    private static Instant toInstant(Object token) {
        if (token instanceof JsonNumber n) {
            BigDecimal seconds = n.toBigDecimal();
            long whole = seconds.longValue();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        String text = token.toString().trim();
        if (isDigits(text)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static Object convertByFactory(Object token, Class<?> target) {
        String text = token instanceof JsonNumber n ? n.text() : token.toString();
        try {
            if (token instanceof JsonNumber n && n.integral()) {
                Constructor<?> fromLong = publicConstructor(target, long.class);
                if (fromLong != null) {
                    return fromLong.newInstance(n.toLong());
                }
            }
            Method factory = factory(target);
            if (factory != null) {
                return factory.invoke(null, text);
            }
            Constructor<?> constructor = publicConstructor(target, String.class);
            if (constructor == null) {
                constructor = publicConstructor(target, Object.class);
            }
            if (constructor != null) {
                return constructor.newInstance(text);
            }
        } catch (InvocationTargetException e) {
            throw new JsonException("Cannot read " + describe(token) + " as " + target.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new JsonException("Cannot read " + describe(token) + " as " + target.getName(), e);
        }
        throw new JsonException("Cannot read " + describe(token) + " as " + target.getName());
    }

    private static Method factory(Class<?> target) {
        for (String name : FACTORY_NAMES) {
            for (Class<?> parameter : new Class<?>[] {String.class, CharSequence.class}) {
                try {
                    Method method = target.getMethod(name, parameter);
                    if (Modifier.isStatic(method.getModifiers()) && target.isAssignableFrom(method.getReturnType())) {
                        return method;
                    }
                } catch (NoSuchMethodException e) {
                    // try the next name
                }
            }
        }
        return null;
    }

    private static Constructor<?> publicConstructor(Class<?> target, Class<?> parameter) {
        if (Modifier.isAbstract(target.getModifiers())) {
            return null;
        }
        try {
            return target.getConstructor(parameter);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String describe(Object token) {
        if (token instanceof String s) {
            return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"';
        }
        if (token instanceof JsonNumber n) {
            return "number " + n.text();
        }
        return token.toString().toLowerCase(Locale.ROOT);
    }
}
