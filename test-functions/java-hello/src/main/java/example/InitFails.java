package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code example.InitFails}: its static initializer throws IllegalStateException("init failed"). */
public class InitFails implements RequestHandler<Map<String, Object>, Object> {
    private static final Object STATE = load();

    private static Object load() {
        throw new IllegalStateException("init failed");
    }

    @Override
    public Object handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        return STATE;
    }
}
