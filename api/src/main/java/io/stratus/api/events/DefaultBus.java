package io.stratus.api.events;

import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.ServiceError;
import io.stratus.model.error.ValidationException;
import io.stratus.model.function.Partition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The one event bus here, {@code default}, and what every rules operation checks the same way: rule names, the
 * EventBusName member, EventBridge's not-found messages and list page tokens. Immutable.
 */
final class DefaultBus {

    static final String NAME = "default";
    static final String NAME_PATTERN = "[\\.\\-_A-Za-z0-9]+";
    private static final String BUS_PATTERN = "(arn:aws[\\w-]*:events:[a-z]{2}-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?"
            + "[/\\.\\-_A-Za-z0-9]+";

    private final Partition partition;

    DefaultBus(Partition partition) {
        this.partition = partition;
    }

    /** Checks a rule name member (as {@code member}) and a bus member, adding violations. */
    static void checkNames(ConstraintViolations v, String ruleName, String member, Optional<String> busName) {
        v.required(ruleName, member).length(ruleName, member, 1, 64).pattern(ruleName, member, NAME_PATTERN);
        checkBus(v, busName);
    }

    /** Checks the EventBusName member, adding violations. */
    static void checkBus(ConstraintViolations v, Optional<String> busName) {
        String bus = busName.orElse(null);
        v.length(bus, "eventBusName", 1, 1600).pattern(bus, "eventBusName", BUS_PATTERN);
    }

    /** Whether the EventBusName member names the default bus (absent, {@code default}, or its ARN). */
    boolean isDefault(Optional<String> busName) {
        return busName.isEmpty() || busName.get().equals(NAME) || busName.get().equals("arn:aws:events:"
                + partition.region() + ":" + partition.accountId() + ":event-bus/" + NAME);
    }

    /** Refuses any bus but the default one, which is the only one that exists here. */
    void require(Optional<String> busName) {
        if (!isDefault(busName)) {
            String name = busName.get().substring(busName.get().lastIndexOf('/') + 1);
            throw new ServiceError(400, "ResourceNotFoundException", "Event bus " + name + " does not exist.");
        }
    }

    static ServiceError ruleNotFound(String name) {
        return new ServiceError(400, "ResourceNotFoundException", "Rule " + name + " does not exist on EventBus "
                + NAME + ".");
    }

    /** An opaque page token that resumes after {@code key}. */
    static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a page token resumes after. */
    static Optional<String> afterToken(Optional<String> token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(token.get()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("The NextToken provided is not valid.");
        }
    }
}
