package io.stratus.runtime.java;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Entry point of the Java runtime client, started by the platform as
 * {@code java <flags> -cp $LAMBDA_RUNTIME_DIR/stratus-java-runtime.jar io.stratus.runtime.java.Bootstrap} in
 * {@code LAMBDA_TASK_ROOT}.
 *
 * <p>A pre-started runtime ({@code STRATUS_SPARE=1}) first waits to be adopted by a function and takes that
 * function's environment ({@link AdoptedEnvironment}); from then on it starts as any runtime. Init loads the
 * handler; if that fails the error goes to {@code POST /runtime/init/error} and the process exits with status 1
 * without calling {@code next}. Then the {@link InvocationLoop} runs. The process exits with status 1 when the
 * Runtime API fails or after a fatal handler error; user code may exit on its own.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * Runs the runtime client; never returns normally.
     *
     * @param args none; {@code --train} runs {@link Training} instead and exits 0 (for building class-data
     *     archives)
     */
    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--train")) {
            train();
            return;
        }
        RuntimeEnvironment environment;
        RuntimeApiClient api;
        try {
            environment = RuntimeEnvironment.fromSystem();
            api = new RuntimeApiClient(new HttpConnection(environment.runtimeApi()));
            if ("1".equals(System.getenv("STRATUS_SPARE"))) {
                // Ready to be adopted at once; what the adoption needs is prepared meanwhile.
                Future<AdoptedEnvironment> preparation = AdoptedEnvironment.prepareInBackground();
                Map<String, String> adopted = api.adopt();
                AdoptedEnvironment.await(preparation).replace(adopted);
                // Everything read from the environment so far was the spare's.
                environment = RuntimeEnvironment.fromSystem();
            }
        } catch (IOException | RuntimeException e) {
            fail("cannot start: " + e.getMessage());
            return;
        }
        StdoutLogger.useUtf8Streams();
        Handler handler = init(environment, api);
        try {
            new InvocationLoop(api, handler, environment).run();
        } catch (IOException | RuntimeException e) {
            fail("stopping: " + e);
        }
        InvocationLoop.flushOutput();
        System.exit(1);
    }

    private static Handler init(RuntimeEnvironment environment, RuntimeApiClient api) {
        try {
            FunctionClassLoader loader = FunctionClassLoader.create(environment.taskRoot(), environment.optRoot(),
                    Bootstrap.class.getClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            return HandlerLoader.load(environment.handler(), loader);
        } catch (Throwable thrown) {
            ErrorReport report = ErrorReport.of(thrown);
            StdoutLogger.INSTANCE.log(report.logText());
            try {
                api.reportInitError(report);
            } catch (IOException e) {
                fail("cannot report the init error: " + e);
            }
            System.exit(1);
            throw new AssertionError("unreachable", thrown);
        }
    }

    private static void train() {
        try {
            Training.run();
        } catch (IOException | RuntimeException e) {
            fail("training failed: " + e);
        }
        System.exit(0);
    }

    private static void fail(String message) {
        System.err.println("stratus-java-runtime: " + message);
        System.err.flush();
        System.exit(1);
    }
}
