package example;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code example.Counter::handleRequest}: {"count": n}, n counting the invocations this environment served
 * (an instance field: one instance per environment). The one-argument overload must lose against the
 * two-argument one (longest signature wins).
 */
public class Counter {
    private static int instances;
    private int count;

    public Counter() {
        instances++;
    }

    public Map<String, Object> handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        count++;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", count);
        result.put("instances", instances);
        return result;
    }

    public Map<String, Object> handleRequest(Map<String, Object> event) {
        return Map.of("error", "the one-argument overload was chosen");
    }
}
