package io.stratus.runtime.java;

import io.stratus.runtime.java.json.Json;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A throwable as the platform gets it: the error-type header, the JSON body, and the text logged to stdout.
 *
 * <p>The body has the shape of AWS's Java runtime: {@code {"errorMessage", "errorType", "stackTrace"}}, where
 * {@code errorType} is the exception's class name, {@code errorMessage} its message (left out when it has none
 * and no cause; otherwise the cause's {@code toString()}), and {@code stackTrace} one string per frame as
 * {@code pkg.Class.method(File.java:12)}. Frames of this runtime and the reflection frames that lead into the
 * handler are cut off. Causes follow in the same list, each introduced by {@code "Caused by: <toString>"}.
 * A throwable without any frames and without a cause is a fault the runtime diagnosed itself (class not found,
 * no such method): like AWS's client, its body has no {@code stackTrace}.
 * The header is the class name too. The log text is the same trace, Java style, as one log record (lines
 * joined with {@code \r}).
 *
 * @param errorType fully qualified class name of the reported throwable
 * @param json UTF-8 JSON body
 * @param logText the record to print
 */
record ErrorReport(String errorType, byte[] json, String logText) {
    private static final String RUNTIME_PACKAGE = "io.stratus.runtime.java.";
    private static final int MAX_CAUSES = 10;

    /** Reports a throwable, unwrapping {@link InvocationTargetException}s first. */
    static ErrorReport of(Throwable thrown) {
        Throwable error = unwrap(thrown);
        List<String> trace = new ArrayList<>();
        StringBuilder log = new StringBuilder(error.toString());
        addFrames(error, trace, log);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(error);
        for (Throwable cause = error.getCause(); cause != null && seen.add(cause) && seen.size() <= MAX_CAUSES;
                cause = cause.getCause()) {
            trace.add("Caused by: " + cause);
            log.append("\rCaused by: ").append(cause);
            addFrames(cause, trace, log);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        String message = message(error);
        if (message != null) {
            body.put("errorMessage", message);
        }
        body.put("errorType", error.getClass().getName());
        if (error.getStackTrace().length > 0 || error.getCause() != null) {
            body.put("stackTrace", trace);
        }
        return new ErrorReport(error.getClass().getName(), Json.write(body), log.toString().replace('\n', '\r'));
    }

    /** A last-resort report built without the JSON writer, for when building the real one failed. */
    static ErrorReport minimal(Throwable error) {
        String type = error.getClass().getName();
        String json = "{\"errorType\":\"" + type + "\",\"stackTrace\":[]}";
        return new ErrorReport(type, json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Strips the {@link InvocationTargetException} wrappers that reflective calls add. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof InvocationTargetException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String message(Throwable error) {
        String message = error.getLocalizedMessage();
        if (message == null && error.getCause() != null) {
            return error.getCause().toString();
        }
        return message;
    }

    private static void addFrames(Throwable error, List<String> trace, StringBuilder log) {
        StackTraceElement[] frames = error.getStackTrace();
        int end = frames.length;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(RUNTIME_PACKAGE)) {
                end = i;
                break;
            }
        }
        if (end < frames.length) {
            while (end > 0 && isPlumbing(frames[end - 1])) {
                end--;
            }
        }
        for (int i = 0; i < end; i++) {
            String frame = frames[i].toString();
            trace.add(frame);
            log.append("\r\tat ").append(frame);
        }
    }

    /** JDK frames between this runtime and user code: reflection, method handles, class loading. */
    private static boolean isPlumbing(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("jdk.internal.reflect.") || type.startsWith("java.lang.reflect.")
                || type.startsWith("java.lang.invoke.") || type.equals("java.lang.Class");
    }
}
