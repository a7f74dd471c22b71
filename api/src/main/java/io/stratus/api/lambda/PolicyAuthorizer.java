package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.model.error.AccessDeniedException;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.model.function.Partition;
import io.stratus.store.policy.PolicyStore;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "may this trigger invoke this function?" from the resource policy of the qualifier it invokes (an
 * unqualified or {@code $LATEST} invocation uses the unqualified policy), as Lambda does. Until request signing is
 * enforced, the default mode only warns (once per function and caller) instead of refusing, so that functions
 * wired up without AddPermission keep working; {@code --invoke-permissions enforce} refuses.
 */
final class PolicyAuthorizer implements InvokeAuthorizer {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyAuthorizer.class);

    private final PolicyStore policies;
    private final Partition partition;
    private final boolean enforce;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    PolicyAuthorizer(PolicyStore policies, Partition partition, boolean enforce) {
        this.policies = policies;
        this.partition = partition;
        this.enforce = enforce;
    }

    @Override
    public void authorize(FunctionRef function, FunctionInvoker.Caller caller) {
        if (allowed(function, caller)) {
            return;
        }
        String resource = function.arn(partition);
        String message = "User: " + caller.principal() + " is not authorized to perform: " + caller.action()
                + " on resource: " + resource + " because no resource-based policy allows the " + caller.action()
                + " action";
        if (enforce) {
            throw new AccessDeniedException(message);
        }
        if (warned.add(resource + "|" + caller.principal() + "|" + caller.sourceArn().orElse(""))) {
            LOG.warn("{} (allowed anyway: invoke permissions are not enforced; add the permission with"
                    + " AddPermission, or start with --invoke-permissions enforce)", message);
        }
    }

    private boolean allowed(FunctionRef function, FunctionInvoker.Caller caller) {
        String qualifier = function.qualifier().filter(q -> !q.equals(FunctionVersion.LATEST))
                .orElse(PolicyStore.UNQUALIFIED);
        Optional<PolicyStore.StoredPolicy> policy = policies.find(function.name(), qualifier);
        for (JsonNode statement : PermissionsApi.statements(policy)) {
            if (PolicyStatement.allows(statement, caller, partition)) {
                return true;
            }
        }
        return false;
    }
}
