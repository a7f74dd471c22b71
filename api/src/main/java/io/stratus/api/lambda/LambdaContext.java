package io.stratus.api.lambda;

import io.stratus.model.function.Partition;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What the Lambda API needs from its surroundings.
 *
 * @param partition  account id and region
 * @param limits     account limits
 * @param codeUrlKey secret key that signs code download URLs (at least 32 bytes)
 * @param clock      time source
 */
public record LambdaContext(Partition partition, LambdaLimits limits, byte[] codeUrlKey, InstantSource clock) {

    public LambdaContext {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        if (codeUrlKey.length < 32) {
            throw new IllegalArgumentException("code URL key must have at least 32 bytes");
        }
        codeUrlKey = codeUrlKey.clone();
    }
}
