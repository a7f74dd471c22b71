package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code example.RicHello::handleRequest} (or {@code example.RicHello}): {"statusCode":200,"body":"Hello, <name>!"}
 * with name from the event or "World"; run by AWS's runtime interface client. {"fail": true} throws
 * IllegalStateException("boom").
 */
public class RicHello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event != null && Boolean.TRUE.equals(event.get("fail"))) {
            throw new IllegalStateException("boom");
        }
        Object name = event == null ? null : event.get("name");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("body", "Hello, " + (name == null ? "World" : name) + "!");
        return response;
    }
}
