package io.stratus.model.function;

import java.util.List;

/**
 * Network placement as a client configured it. Stratus records it and reports it back; sandboxes use the host
 * network (see docs/architecture.md).
 *
 * @param subnetIds        up to 16 subnet ids
 * @param securityGroupIds up to 5 security group ids
 * @param ipv6AllowedForDualStack whether IPv6 is allowed
 */
public record VpcConfig(List<String> subnetIds, List<String> securityGroupIds, boolean ipv6AllowedForDualStack) {

    public VpcConfig {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
