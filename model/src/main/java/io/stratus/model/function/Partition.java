package io.stratus.model.function;

import java.util.Objects;

/**
 * Where this platform lives in AWS terms: the account id and region it reports in ARNs and accepts in the
 * ARNs clients send. Immutable.
 *
 * @param accountId twelve digits
 * @param region    an AWS-style region name such as {@code us-east-1}
 */
public record Partition(String accountId, String region) {

    public Partition {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits, got '" + accountId + "'");
        }
        if (!region.matches("[a-z]{2}(-gov)?-[a-z]+-\\d")) {
            throw new IllegalArgumentException("region must look like us-east-1, got '" + region + "'");
        }
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    public String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER}. */
    public String functionArn(String name, String qualifier) {
        return functionArn(name) + ":" + qualifier;
    }
}
