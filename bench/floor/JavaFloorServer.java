import com.sun.net.httpserver.HttpServer;
import io.stratus.runtime.java.json.Json;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Floor for warm Java requests: the handler class called by a plain JDK HttpServer, no platform. JSON goes through
 * the same small mapper the Stratus Java runtime uses, so the floor does the same (de)serialisation work.
 * Usage: java -cp HANDLER_CLASSES:HANDLER_LIBS:RUNTIME_JAR:. JavaFloorServer example.Hello
 * Prints "listening PORT" once ready (port chosen by the OS).
 */
public class JavaFloorServer {
    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        Method handle = handleRequestOf(handler.getClass());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors() * 2));
        server.createContext("/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Object event = raw.length == 0 ? Map.of() : Json.read(raw, 0, raw.length, Map.class);
            byte[] body;
            try {
                body = Json.write(handle.invoke(handler, event, null));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening " + server.getAddress().getPort());
    }

    /** The two-argument handleRequest(event, context) of a RequestHandler. */
    static Method handleRequestOf(Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                return m;
            }
        }
        throw new IllegalArgumentException(type + " has no handleRequest(event, context)");
    }
}
