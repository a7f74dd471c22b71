package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * {@code example.Logger}: one line through System.out, one through the context's LambdaLogger, then text without a
 * newline.
 */
public class Logger implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        System.out.println("hello from the function");
        context.getLogger().log("via lambda logger");
        System.out.print("the last words, without a newline");
        return Map.of("logged", 2);
    }
}
