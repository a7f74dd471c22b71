package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
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

    /**
     * Makes {@code System.out} and {@code System.err} encode UTF-8 when the JVM picked another charset (a
     * {@code LANG} naming a locale the host lacks leaves JDK 17 and later with ASCII, turning every non-ASCII
     * character into '?'). AWS's Java runtime writes function output as UTF-8 too.
     */
    static void useUtf8Streams() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        String effective = encoding != null ? encoding : Charset.defaultCharset().name();
        if (!"UTF-8".equalsIgnoreCase(effective)) {
            System.setOut(utf8(FileDescriptor.out));
            System.setErr(utf8(FileDescriptor.err));
        }
    }

    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor), 8192), true,
                StandardCharsets.UTF_8);
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
