package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code example.Probe}: what the function's process looks like from inside, for checking that a pre-started
 * runtime became exactly this function's.
 */
public class Probe implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final List<String> NAMES = List.of("GREETING", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "_HANDLER", "STRATUS_SPARE");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("env", new TreeMap<>(System.getenv()));
        Map<String, String> byName = new TreeMap<>();
        for (String name : NAMES) {
            byName.put(name, String.valueOf(System.getenv(name)));
        }
        out.put("getenv", byName);
        out.put("childEnv", childEnvironment(new ProcessBuilder("/usr/bin/env")));
        ProcessBuilder withCopy = new ProcessBuilder("/usr/bin/env");
        withCopy.environment().put("PROBE_ADDED", "1");
        out.put("builderChildEnv", childEnvironment(withCopy));
        out.put("functionName", context.getFunctionName());
        out.put("memoryLimitInMB", context.getMemoryLimitInMB());
        out.put("logStreamName", context.getLogStreamName());
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        out.put("probeProperty", String.valueOf(System.getProperty("probe.flag")));
        out.put("marker", read(Path.of(System.getenv("LAMBDA_TASK_ROOT"), "marker.txt")));
        return out;
    }

    /** The environment a child process started by {@code builder} sees, by running {@code env}. */
    private static Map<String, String> childEnvironment(ProcessBuilder builder) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Map<String, String> env = new TreeMap<>();
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    env.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run env", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
