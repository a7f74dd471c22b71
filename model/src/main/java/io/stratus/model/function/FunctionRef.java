package io.stratus.model.function;

import io.stratus.model.error.AccessDeniedException;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.ResourceNotFoundException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a client names it: a bare name, a partial ARN ({@code ACCOUNT:function:NAME}) or a full ARN,
 * each optionally with a {@code :QUALIFIER} suffix, combined with an optional {@code Qualifier} parameter.
 *
 * @param name      the bare function name
 * @param qualifier the qualifier from the ARN suffix or the {@code Qualifier} parameter, if any
 */
public record FunctionRef(String name, Optional<String> qualifier) {

    /** The model's pattern for mutating operations (P_FN in the spec). */
    public static final String MUTATING_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    /** The model's pattern for read and invoke operations (P_FN_NS): the name part also allows dots. */
    public static final String READ_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    /** Pattern of the {@code Qualifier} parameter, as the service reports it. */
    public static final String QUALIFIER_PATTERN = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";

    /** Longest bare function name. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final int REGION_GROUP = 3;
    private static final int ACCOUNT_GROUP = 9;
    private static final int NAME_GROUP = 11;
    private static final int QUALIFIER_GROUP = 13;
    private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);

    /** Which model pattern and length limit an operation declares for its FunctionName. */
    public enum Form {
        /**
         * CreateFunction: P_FN, at most 140 characters; a bare name over 64 characters is refused with
         * InvalidParameterValueException (a quirk of the real service).
         */
        CREATE(MUTATING_PATTERN, 140),
        /** Update* and the other mutating operations: P_FN, at most 140 characters. */
        MUTATING(MUTATING_PATTERN, 140),
        /** Get, GetConfiguration, Delete, Invoke, ListVersions, GetPolicy: P_FN_NS, at most 256 characters. */
        READ(READ_PATTERN, 256);

        private final Pattern pattern;
        private final String regex;
        private final int maxLength;

        Form(String regex, int maxLength) {
            this.pattern = Pattern.compile(regex);
            this.regex = regex;
            this.maxLength = maxLength;
        }
    }

    /**
     * Parses and checks a FunctionName and an optional Qualifier parameter the way Lambda does.
     *
     * @param input        the FunctionName as received (already percent-decoded)
     * @param qualifierArg the {@code Qualifier} query parameter, if given
     * @param form         the pattern family the operation declares
     * @param partition    the account and region this platform serves
     * @throws io.stratus.model.error.ValidationException   when the name or qualifier breaks a modeled constraint
     * @throws ResourceNotFoundException      when the ARN names another region
     * @throws AccessDeniedException          when the ARN names another account
     * @throws InvalidParameterValueException when the ARN qualifier and the parameter disagree
     */
    public static FunctionRef parse(String input, Optional<String> qualifierArg, Form form, Partition partition) {
        ConstraintViolations violations = new ConstraintViolations();
        qualifierArg.ifPresent(q -> {
            violations.length(q, "qualifier", 1, 128);
            if (q.length() <= 128 && !QUALIFIER.matcher(q).matches()) {
                violations.add(q, "qualifier", "Member must satisfy regular expression pattern: " + QUALIFIER_PATTERN);
            }
        });
        violations.length(input, "functionName", 1, form.maxLength);
        Matcher m = form.pattern.matcher(input);
        boolean matches = m.matches();
        if (!matches) {
            violations.add(input, "functionName", "Member must satisfy regular expression pattern: " + form.regex);
        }
        violations.throwIfAny();

        String name = m.group(NAME_GROUP);
        if (form == Form.CREATE && !input.contains(":") && name.length() > MAX_NAME_LENGTH) {
            throw new InvalidParameterValueException("1 validation error detected: Value '" + input
                    + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to "
                    + MAX_NAME_LENGTH);
        }
        checkRegion(m.group(REGION_GROUP), partition);
        checkAccount(m.group(ACCOUNT_GROUP), partition);
        Optional<String> fromArn = Optional.ofNullable(m.group(QUALIFIER_GROUP));
        if (fromArn.isPresent() && qualifierArg.isPresent() && !fromArn.equals(qualifierArg)) {
            throw new InvalidParameterValueException(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionRef(name, fromArn.isPresent() ? fromArn : qualifierArg);
    }

    private static void checkRegion(String regionWithColon, Partition partition) {
        if (regionWithColon == null) {
            return;
        }
        String region = regionWithColon.substring(0, regionWithColon.length() - 1);
        if (!region.equals(partition.region())) {
            throw new ResourceNotFoundException("Functions from '" + region
                    + "' are not reachable in this region ('" + partition.region() + "')");
        }
    }

    private static void checkAccount(String accountWithColon, Partition partition) {
        if (accountWithColon != null && !accountWithColon.startsWith(partition.accountId())) {
            throw new AccessDeniedException("The function belongs to account " + accountWithColon.substring(0, 12)
                    + ", which is not this platform's account " + partition.accountId() + ".");
        }
    }

    /** The ARN to show in "not found" messages: unqualified, or with the qualifier when one was given. */
    public String arn(Partition partition) {
        return qualifier.map(q -> partition.functionArn(name, q)).orElseGet(() -> partition.functionArn(name));
    }

    /** True when no qualifier was given or the qualifier is {@code $LATEST}. */
    public boolean isLatest() {
        return qualifier.isEmpty() || qualifier.get().equals(FunctionVersion.LATEST);
    }
}
