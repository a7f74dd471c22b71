package example;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code example.Methods::<name>}: handlers named by method, one per supported parameter list and event type. */
public class Methods {
    /** A Java record as event and result. */
    public record Point(int x, int y) {
    }

    public String upper(String text) {
        return text.toUpperCase(java.util.Locale.ROOT);
    }

    public int square(Integer n) {
        return n * n;
    }

    public int sum(List<Integer> numbers) {
        return numbers.stream().mapToInt(Integer::intValue).sum();
    }

    public static Map<String, Object> greet(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("static", true);
        result.put("requestId", context.getAwsRequestId());
        return result;
    }

    public void streams(InputStream in, OutputStream out) throws IOException {
        out.write(("[" + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) + "]").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    public Point mirror(Point point) {
        return new Point(point.y(), point.x());
    }

    public void nothing(Object event) {
        // returns null to the caller
    }

    public Map<String, Object> length(InputStream raw) throws IOException {
        return Map.of("bytes", raw.readAllBytes().length);
    }

    public String noArgs() {
        return "no arguments";
    }
}
