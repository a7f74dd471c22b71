package io.stratus.model.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects violations of modeled constraints and turns them into one {@link ValidationException} worded as AWS
 * words it: {@code 1 validation error detected: Value 'x' at 'memberName' failed to satisfy constraint: ...},
 * or {@code N validation errors detected: a; b} for several. Not thread-safe; one per request.
 */
public final class ConstraintViolations {

    private final List<String> violations = new ArrayList<>();

    /** Records that {@code value} at {@code member} (camelCase, as AWS reports it) broke {@code constraint}. */
    public ConstraintViolations add(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        violations.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    /** Checks a string length range; null values are not checked. */
    public ConstraintViolations length(String value, String member, int min, int max) {
        if (value != null && value.length() > max) {
            add(value, member, "Member must have length less than or equal to " + max);
        } else if (value != null && value.length() < min) {
            add(value, member, "Member must have length greater than or equal to " + min);
        }
        return this;
    }

    /** Checks a numeric range; null values are not checked. */
    public ConstraintViolations range(Long value, String member, long min, long max) {
        if (value != null && value < min) {
            add(value, member, "Member must have value greater than or equal to " + min);
        } else if (value != null && value > max) {
            add(value, member, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    /** Checks a full-match regular expression; null values are not checked. */
    public ConstraintViolations pattern(String value, String member, String regex) {
        if (value != null && !value.matches(regex)) {
            add(value, member, "Member must satisfy regular expression pattern: " + regex);
        }
        return this;
    }

    /** Checks membership of an enum value set; null values are not checked. */
    public ConstraintViolations oneOf(String value, String member, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(value, member, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return this;
    }

    /** Records a missing required member. */
    public ConstraintViolations required(Object value, String member) {
        if (value == null) {
            add(null, member, "Member must not be null");
        }
        return this;
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    /** Throws the collected violations, if any, as one {@link ValidationException}. */
    public void throwIfAny() {
        if (violations.isEmpty()) {
            return;
        }
        String head = violations.size() == 1
                ? "1 validation error detected: "
                : violations.size() + " validation errors detected: ";
        throw new ValidationException(head + String.join("; ", violations));
    }
}
