package io.stratus.api.lambda;

/**
 * The account-level limits the Lambda API enforces and reports in GetAccountSettings. Defaults are Lambda's.
 *
 * @param maxZippedBytes        largest zip uploaded directly (52,428,800)
 * @param maxUnzippedBytes      largest unzipped package (262,144,000)
 * @param maxCreateRequestBytes largest CreateFunction/UpdateFunctionCode request body (70,167,211)
 * @param totalCodeBytes        code storage for the account (80,530,636,800)
 * @param concurrentExecutions  account concurrency limit (1,000)
 */
public record LambdaLimits(long maxZippedBytes, long maxUnzippedBytes, long maxCreateRequestBytes,
                           long totalCodeBytes, int concurrentExecutions) {

    public LambdaLimits {
        if (maxZippedBytes <= 0 || maxUnzippedBytes <= 0 || maxCreateRequestBytes <= 0 || totalCodeBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (concurrentExecutions < 100) {
            throw new IllegalArgumentException("concurrent executions must be at least 100, got "
                    + concurrentExecutions);
        }
    }

    /** Lambda's own limits. */
    public static LambdaLimits defaults() {
        return new LambdaLimits(52_428_800L, 262_144_000L, 70_167_211L, 80_530_636_800L, 1000);
    }

    /** The same limits with another account concurrency limit. */
    public LambdaLimits withConcurrentExecutions(int limit) {
        return new LambdaLimits(maxZippedBytes, maxUnzippedBytes, maxCreateRequestBytes, totalCodeBytes, limit);
    }
}
