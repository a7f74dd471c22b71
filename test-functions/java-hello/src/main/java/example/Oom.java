package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code example.Oom}: allocates "mb" (default 512) MB in 1 MB byte arrays and keeps them. */
public class Oom implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final List<byte[]> KEPT = new ArrayList<>();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        Object mb = event == null ? null : event.get("mb");
        int megabytes = mb instanceof Number n ? n.intValue() : 512;
        for (int i = 0; i < megabytes; i++) {
            byte[] chunk = new byte[1024 * 1024];
            for (int j = 0; j < chunk.length; j += 4096) {
                chunk[j] = 1;
            }
            KEPT.add(chunk);
        }
        return Map.of("allocatedMb", KEPT.size());
    }
}
