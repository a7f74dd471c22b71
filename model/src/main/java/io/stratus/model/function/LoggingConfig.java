package io.stratus.model.function;

import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a function's logs are written.
 *
 * @param logFormat           {@code Text} or {@code JSON}
 * @param applicationLogLevel TRACE..FATAL, meaningful only with JSON
 * @param systemLogLevel      DEBUG, INFO or WARN, meaningful only with JSON
 * @param logGroup            the log group name, by default {@code /aws/lambda/NAME}
 */
public record LoggingConfig(String logFormat, Optional<String> applicationLogLevel, Optional<String> systemLogLevel,
                            String logGroup) {

    public LoggingConfig {
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(applicationLogLevel, "applicationLogLevel");
        Objects.requireNonNull(systemLogLevel, "systemLogLevel");
        Objects.requireNonNull(logGroup, "logGroup");
    }

    /** Lambda's default: text logs to {@code /aws/lambda/NAME}. */
    public static LoggingConfig defaultFor(String functionName) {
        return new LoggingConfig("Text", Optional.empty(), Optional.empty(), "/aws/lambda/" + functionName);
    }
}
