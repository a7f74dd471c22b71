package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code example.Sleeper}: sleeps "ms" (default 500), then returns {"logStream": AWS_LAMBDA_LOG_STREAM_NAME}. */
public class Sleeper implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        Object ms = event == null ? null : event.get("ms");
        try {
            Thread.sleep(ms instanceof Number n ? n.longValue() : 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of("logStream", String.valueOf(System.getenv("AWS_LAMBDA_LOG_STREAM_NAME")));
    }
}
