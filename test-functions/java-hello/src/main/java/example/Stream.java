package example;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** {@code example.Stream}: echoes the raw event upper-cased. */
public class Stream implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, com.amazonaws.services.lambda.runtime.Context context)
            throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(event.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
