package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code example.Thrower}: throws IllegalStateException("boom"). */
public class Thrower implements RequestHandler<Map<String, Object>, Object> {
    @Override
    public Object handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        throw new IllegalStateException("boom");
    }
}
