package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code example.Exit}: prints a line, then System.exit(3). */
public class Exit implements RequestHandler<Map<String, Object>, Object> {
    @Override
    public Object handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context context) {
        System.out.println("exiting with status 3");
        System.exit(3);
        return null;
    }
}
