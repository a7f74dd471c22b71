package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.function.Partition;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One statement of a function's resource policy: built from AddPermission's members in Lambda's exact shape
 * ({@code Sid, Effect, Principal, Action, Resource, Condition}), and evaluated against a caller.
 */
final class PolicyStatement {

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9.-]+\\.amazon(aws)?\\.com(\\.cn)?");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern IAM_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:.+");

    private PolicyStatement() {
    }

    /** What AddPermission was given, already checked against the model's constraints. */
    record Grant(String statementId, String action, String principal, Optional<String> sourceArn,
                 Optional<String> sourceAccount, Optional<String> eventSourceToken, Optional<String> principalOrgId,
                 Optional<String> functionUrlAuthType) {
    }

    /** The statement Lambda stores for a grant on {@code resourceArn}. */
    static ObjectNode build(Grant grant, String resourceArn, Partition partition) {
        ObjectNode statement = WireJson.object();
        statement.put("Sid", grant.statementId());
        statement.put("Effect", "Allow");
        String principal = grant.principal();
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else if (SERVICE.matcher(principal).matches()) {
            statement.putObject("Principal").put("Service", principal);
        } else if (ACCOUNT.matcher(principal).matches()) {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        } else if (IAM_ARN.matcher(principal).matches()) {
            statement.putObject("Principal").put("AWS", principal);
        } else {
            throw new InvalidParameterValueException("The provided principal was invalid. Please check the principal"
                    + " and try again.");
        }
        statement.put("Action", grant.action());
        statement.put("Resource", resourceArn);
        ObjectNode condition = WireJson.object();
        ObjectNode equals = WireJson.object();
        grant.sourceAccount().ifPresent(v -> equals.put("AWS:SourceAccount", v));
        grant.functionUrlAuthType().ifPresent(v -> equals.put("lambda:FunctionUrlAuthType", v));
        grant.principalOrgId().ifPresent(v -> equals.put("aws:PrincipalOrgID", v));
        grant.eventSourceToken().ifPresent(v -> equals.put("lambda:EventSourceToken", v));
        if (!equals.isEmpty()) {
            condition.set("StringEquals", equals);
        }
        grant.sourceArn().ifPresent(v -> condition.putObject("ArnLike").put("AWS:SourceArn", v));
        if (!condition.isEmpty()) {
            statement.set("Condition", condition);
        }
        return statement;
    }

    /** Whether a stored statement allows the caller, who acts within {@code partition}'s account. */
    static boolean allows(JsonNode statement, FunctionInvoker.Caller caller, Partition partition) {
        return statement.path("Effect").asText().equals("Allow")
                && actionMatches(statement.path("Action").asText(), caller.action())
                && principalMatches(statement.path("Principal"), caller.principal())
                && conditionsHold(statement.path("Condition"), caller, partition);
    }

    private static boolean actionMatches(String granted, String wanted) {
        String g = granted.toLowerCase(Locale.ROOT);
        return g.equals("*") || g.equals("lambda:*") || g.equals(wanted.toLowerCase(Locale.ROOT));
    }

    private static boolean principalMatches(JsonNode principal, String caller) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        if (principal.has("Service")) {
            return principal.get("Service").asText().equals(caller);
        }
        String aws = principal.path("AWS").asText();
        if (aws.endsWith(":root")) {
            String account = aws.substring("arn:aws:iam::".length(), aws.length() - ":root".length());
            return caller.equals(account) || caller.startsWith("arn:aws:iam::" + account + ":")
                    || caller.startsWith("arn:aws:sts::" + account + ":");
        }
        return aws.equals(caller);
    }

    private static boolean conditionsHold(JsonNode condition, FunctionInvoker.Caller caller, Partition partition) {
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                Optional<String> actual = contextValue(key.getKey(), caller, partition);
                String expected = key.getValue().asText();
                boolean holds = actual.isPresent() && switch (op.getKey()) {
                    case "ArnLike" -> glob(expected).matcher(actual.get()).matches();
                    case "StringEquals" -> expected.equals(actual.get());
                    default -> false;
                };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The request-context value a condition key names; empty when this platform has no such value. */
    private static Optional<String> contextValue(String key, FunctionInvoker.Caller caller, Partition partition) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "aws:sourcearn" -> caller.sourceArn();
            // Every resource a service acts for lives in this platform's one account.
            case "aws:sourceaccount" -> Optional.of(partition.accountId());
            case "lambda:functionurlauthtype" -> caller.functionUrlAuthType();
            default -> Optional.empty();
        };
    }

    /** IAM's ArnLike wildcards: {@code *} any run of characters, {@code ?} exactly one. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
