package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The training run behind {@code Bootstrap --train}: drives the real client code paths (socket HTTP, handler
 * loading in both forms, JSON in and out for maps and beans, stream handlers, error reports, context parsing)
 * against an in-process stand-in for the Runtime API, then returns. Run it under
 * {@code -XX:ArchiveClassesAtExit} (JDK 17+) or {@code -XX:AOTCacheOutput} (JDK 25+) to build a class-data
 * archive that makes every later cold start cheaper. Output of the trained handlers is discarded.
 */
final class Training {
    private static final String[] HANDLERS = {
        Training.class.getName() + "$MapHandler",
        Training.class.getName() + "$BeanHandler",
        Training.class.getName() + "$Streamer",
        Training.class.getName() + "$MapHandler::handleRequest",
        Training.class.getName() + "$Methods::fields",
        Training.class.getName() + "$Methods::record",
        Training.class.getName() + "$Methods::text",
        Training.class.getName() + "$Methods::streams",
    };
    private static final String[] EVENTS = {
        "{\"name\":\"train\",\"numbers\":[1,2.5,12345678901],\"flag\":true,\"nothing\":null,\"nested\":{\"a\":\"b\"}}",
        "{\"name\":\"train\",\"age\":42,\"big\":12345678901,\"ratio\":0.5,\"tags\":[\"x\",\"y\"]}",
        "{\"fail\":true}",
    };

    private Training() {
    }

    /** Runs every training handler over the sample events. */
    static void run() throws IOException {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread api = new Thread(() -> serve(server), "stratus-training-api");
            api.setDaemon(true);
            api.start();
            File empty = new File(System.getProperty("java.io.tmpdir"), "stratus-training-empty");
            RuntimeEnvironment environment = new RuntimeEnvironment("127.0.0.1:" + server.getLocalPort(), "", empty,
                    empty, "training", "$LATEST", 128, "/aws/lambda/training", "training");
            for (String handler : HANDLERS) {
                RuntimeApiClient client = new RuntimeApiClient(new HttpConnection(environment.runtimeApi()));
                Handler loaded = HandlerLoader.load(handler, FunctionClassLoader.create(empty, empty,
                        Training.class.getClassLoader()));
                try {
                    new InvocationLoop(client, loaded, environment).run();
                } catch (RuntimeApiException expected) {
                    // the stand-in ends each round with a 500, as the real API does when the runtime must stop
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("A training handler failed to load", e);
        } finally {
            System.setOut(out);
        }
    }

    /**
     * The stand-in Runtime API: per connection, each event of {@link #EVENTS}, then a 500 on {@code next} and
     * the connection closed.
     */
    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                int served = 0;
                for (String request = readRequest(in); request != null; request = readRequest(in)) {
                    if (!request.startsWith("GET")) {
                        reply(out, "202 Accepted", "{\"status\":\"OK\"}", "");
                    } else if (served < EVENTS.length) {
                        reply(out, "200 OK", EVENTS[served++], "Lambda-Runtime-Aws-Request-Id: training-" + served
                                + "\r\nLambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000)
                                + "\r\nLambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000;Sampled=0"
                                + "\r\nLambda-Runtime-Cognito-Identity: {\"cognitoIdentityId\":\"id\"}\r\n");
                    } else {
                        reply(out, "500 Internal Server Error", "{\"errorType\":\"Training.Done\"}",
                                "Connection: close\r\n");
                        break;
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                String text = head.toString();
                int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
                if (at >= 0) {
                    int end = text.indexOf('\r', at);
                    in.readNBytes(Integer.parseInt(text.substring(at + 15, end).trim()));
                }
                return text;
            }
        }
        return null;
    }

    private static void reply(OutputStream out, String status, String body, String headers) throws IOException {
        // One write per response: split writes would wait on delayed ACKs (Nagle) and slow training tenfold.
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\n" + headers + "\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Map in, map out; fails on {@code "fail"}. */
    public static final class MapHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            if (event.containsKey("fail")) {
                throw new IllegalStateException("training failure");
            }
            context.getLogger().log("training " + context.getAwsRequestId() + context.getIdentity());
            return Map.of("echo", event, "remaining", context.getRemainingTimeInMillis());
        }
    }

    /** Bean in, bean out. */
    public static final class BeanHandler implements RequestHandler<Person, Person> {
        @Override
        public Person handleRequest(Person event, Context context) {
            return event;
        }
    }

    /** Raw bytes echoed. */
    public static final class Streamer implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    /** Handlers named by method, covering static and instance methods, records and public fields. */
    public static final class Methods {
        public static Fields fields(Fields event, Context context) {
            return event;
        }

        public Point record(Point event) {
            return new Point(event.age(), event.name());
        }

        public String text(Object event) {
            return String.valueOf(event);
        }

        public void streams(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    /** A training record. */
    public record Point(int age, String name) {
    }

    /** A training bean with public fields of the common kinds. */
    public static final class Fields {
        public String name;
        public int age;
        public long big;
        public double ratio;
        public boolean flag;
        public List<String> tags;
        public Map<String, Object> nested;
    }

    /** A training bean. */
    public static final class Person {
        private String name;
        private int age;
        private List<String> tags;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }
    }
}
