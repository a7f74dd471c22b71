package io.stratus.runtime.java.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A number token as written in the input, converted only once the target type is known (so a
 * {@code BigDecimal} property keeps every digit).
 *
 * @param text the token, e.g. {@code -12}, {@code 1.5e3}, {@code NaN}
 */
record JsonNumber(String text) {

    boolean integral() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E' || c == 'N' || c == 'I') {
                return false;
            }
        }
        return true;
    }

    /** As an untyped value: Integer, Long or BigInteger when integral (the smallest that fits), else Double. */
    Number natural() {
        if (!integral()) {
            return toDouble();
        }
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.length() <= 9) {
            return Integer.valueOf(digits);
        }
        if (digits.length() <= 18) {
            long value = Long.parseLong(digits);
            return value == (int) value ? Integer.valueOf((int) value) : (Number) Long.valueOf(value);
        }
        BigInteger value = new BigInteger(digits);
        return value.bitLength() < 64 ? (Number) Long.valueOf(value.longValue()) : value;
    }

    double toDouble() {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
            case "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    long toLong() {
        return integral() ? Long.parseLong(text) : (long) toDouble();
    }

    BigDecimal toBigDecimal() {
        return new BigDecimal(text);
    }
}
