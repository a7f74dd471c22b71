package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LambdaLogger} of every context and of {@link LambdaRuntime#getLogger()} (this runtime ships its own
 * {@code LambdaRuntime} that returns it): each call writes one log
 * record to stdout, as UTF-8, with embedded newlines turned into {@code \r} so the record stays one line
 * (a single trailing newline is dropped first). Log levels are not filtered. Thread-safe through
 * {@code System.out}'s own lock.
 */
final class StdoutLogger implements LambdaLogger {
    static final StdoutLogger INSTANCE = new StdoutLogger();

    private StdoutLogger() {
    }

    @Override
    public void log(String message) {
        String text = String.valueOf(message);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        byte[] record = (text.replace('\n', '\r') + '\n').getBytes(StandardCharsets.UTF_8);
        System.out.write(record, 0, record.length);
        System.out.flush();
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
