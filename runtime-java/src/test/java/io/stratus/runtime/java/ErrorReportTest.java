package io.stratus.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorReportTest {
    private static StackTraceElement frame(String type, String method, String file, int line) {
        return new StackTraceElement(type, method, file, line);
    }

    @Test
    void tracesStopBeforeReflectionAndRuntimeFrames() {
        IllegalStateException error = new IllegalStateException("boom");
        error.setStackTrace(new StackTraceElement[] {
            frame("example.Thrower", "handleRequest", "Thrower.java", 10),
            frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", "DirectMethodHandleAccessor.java", 103),
            frame("java.lang.reflect.Method", "invoke", "Method.java", 580),
            frame("io.stratus.runtime.java.MethodHandler", "handle", "MethodHandler.java", 80),
            frame("io.stratus.runtime.java.Bootstrap", "main", "Bootstrap.java", 40),
        });

        ErrorReport report = ErrorReport.of(new InvocationTargetException(error));

        assertThat(report.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(new String(report.json(), StandardCharsets.UTF_8)).isEqualTo("{\"errorMessage\":\"boom\","
                + "\"errorType\":\"java.lang.IllegalStateException\","
                + "\"stackTrace\":[\"example.Thrower.handleRequest(Thrower.java:10)\"]}");
        assertThat(report.logText()).isEqualTo("java.lang.IllegalStateException: boom\r\tat "
                + "example.Thrower.handleRequest(Thrower.java:10)");
    }

    @Test
    void causesFollowInTheTraceAndLendTheirTextToAMissingMessage() {
        RuntimeException cause = new RuntimeException("inner");
        cause.setStackTrace(new StackTraceElement[] {frame("example.Inner", "run", "Inner.java", 3)});
        RuntimeException error = new RuntimeException(null, cause);
        error.setStackTrace(new StackTraceElement[] {frame("example.Outer", "run", "Outer.java", 7)});

        String json = new String(ErrorReport.of(error).json(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"errorMessage\":\"java.lang.RuntimeException: inner\","
                + "\"errorType\":\"java.lang.RuntimeException\",\"stackTrace\":[\"example.Outer.run(Outer.java:7)\","
                + "\"Caused by: java.lang.RuntimeException: inner\",\"example.Inner.run(Inner.java:3)\"]}");
    }

    @Test
    void faultsWithoutFramesHaveNoStackTraceField() {
        ClassNotFoundException fault = new ClassNotFoundException("Class not found: example.Missing");
        fault.setStackTrace(new StackTraceElement[0]);

        assertThat(new String(ErrorReport.of(fault).json(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"errorMessage\":\"Class not found: example.Missing\","
                        + "\"errorType\":\"java.lang.ClassNotFoundException\"}");
    }

    @Test
    void multiLineMessagesStayOneLogRecord() {
        RuntimeException error = new RuntimeException("line one\nline two");
        error.setStackTrace(new StackTraceElement[0]);

        assertThat(ErrorReport.of(error).logText()).doesNotContain("\n").contains("line one\rline two");
    }
}
