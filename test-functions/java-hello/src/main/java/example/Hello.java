package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code example.Hello}: {"statusCode":200,"body":"Hello, <name>!"}, name from the event or "World". */
public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        Object name = event == null ? null : event.get("name");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("body", "Hello, " + (name == null ? "World" : name) + "!");
        return response;
    }
}
