package io.stratus.runtime.java;

import java.io.IOError;
import java.io.IOException;

/**
 * The runtime loop (contract step 2): next, handle, respond or report, forever.
 *
 * <p>Every invocation's output is flushed before its response or error is posted, because the platform
 * attributes log lines to an invocation by their arrival before the post. After a {@link VirtualMachineError}
 * (out of memory, stack overflow) or {@link IOError} the error is reported and the loop ends so that the
 * process exits, as AWS's Java runtime does: the JVM may be unusable. Single-threaded.
 */
final class InvocationLoop {
    private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final RuntimeApiClient api;
    private final Handler handler;
    private final RuntimeEnvironment environment;
    /** Headroom released on OutOfMemoryError so that the error can still be formatted and posted. */
    private byte[] reserve = new byte[64 * 1024];

    InvocationLoop(RuntimeApiClient api, Handler handler, RuntimeEnvironment environment) {
        this.api = api;
        this.handler = handler;
        this.environment = environment;
    }

    /**
     * Serves invocations until a fatal handler error.
     *
     * @throws IOException if the Runtime API fails or answers a fatal status
     */
    void run() throws IOException {
        while (serve(api.next())) {
            if (reserve == null) {
                reserve = new byte[64 * 1024];
            }
        }
    }

    private boolean serve(Invocation invocation) throws IOException {
        if (invocation.traceId() != null) {
            System.setProperty(TRACE_PROPERTY, invocation.traceId());
        } else {
            System.clearProperty(TRACE_PROPERTY);
        }
        byte[] response;
        try {
            response = handler.handle(invocation.event(), new LambdaContext(environment, invocation));
        } catch (Throwable thrown) {
            reserve = null;
            Throwable error = ErrorReport.unwrap(thrown);
            boolean fatal = error instanceof VirtualMachineError || error instanceof IOError;
            report(invocation.requestId(), error, fatal);
            return !fatal;
        }
        api.respond(invocation.requestId(), response);
        return true;
    }

    private void report(String requestId, Throwable error, boolean last) throws IOException {
        ErrorReport report;
        try {
            report = ErrorReport.of(error);
            StdoutLogger.INSTANCE.log(report.logText());
        } catch (Throwable failed) {
            report = ErrorReport.minimal(error);
        }
        api.reportError(requestId, report, last);
    }

    static void flushOutput() {
        System.out.flush();
        System.err.flush();
    }
}
