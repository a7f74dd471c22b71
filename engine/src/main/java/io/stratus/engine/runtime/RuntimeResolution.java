package io.stratus.engine.runtime;

import java.util.Optional;

/**
 * What a runtime identifier runs on here.
 *
 * @param runtimeId   the identifier, e.g. {@code nodejs18.x}
 * @param language    its language
 * @param interpreter the interpreter to start; empty for custom runtimes
 * @param warning     set when a different version stands in for the one asked for
 */
public record RuntimeResolution(String runtimeId, Language language, Optional<Interpreter> interpreter,
                                Optional<String> warning) {
}
