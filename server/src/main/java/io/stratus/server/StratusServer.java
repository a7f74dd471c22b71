package io.stratus.server;

import io.stratus.api.ApiHandler;
import io.stratus.api.FrontDoor;
import io.stratus.api.console.ConsoleAssets;
import io.stratus.api.lambda.TestEventsApi;
import io.stratus.store.console.SqlTestEventStore;
import io.stratus.api.events.EventsApi;
import io.stratus.api.sqs.Queues;
import io.stratus.api.sqs.SqsApi;
import io.stratus.store.events.SqlRuleStore;
import io.stratus.store.sqs.SqlQueueStore;
import io.stratus.api.gateway.HttpApiControlPlane;
import io.stratus.api.gateway.HttpApiIngress;
import io.stratus.store.gateway.SqlHttpApiStore;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import io.stratus.api.JsonErrorHandler;
import io.stratus.api.Router;
import io.stratus.api.lambda.FunctionUrlsApi;
import io.stratus.api.lambda.LambdaApi;
import io.stratus.api.url.FunctionUrlIngress;
import io.stratus.engine.Engine;
import io.stratus.store.async.SqlAsyncQueue;
import io.stratus.engine.EngineConfig;
import io.stratus.api.lambda.LambdaContext;
import io.stratus.api.lambda.LambdaLimits;
import io.stratus.store.StoreException;
import io.stratus.store.code.CodeBlobs;
import io.stratus.store.function.SqlFunctionStore;
import io.stratus.store.layer.SqlLayerStore;
import io.stratus.store.policy.SqlPolicyStore;
import io.stratus.store.url.SqlFunctionUrlStore;
import io.stratus.store.sql.SqliteDatabase;
import java.net.BindException;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Stratus server process: opens the data directory and store, wires every API onto one HTTP port, and stops
 * in order. Lifecycle: NEW → RUNNING → STOPPED; {@link #start()} and {@link #stop()} are each effective once.
 *
 * <p>Start order: data directory (locked) → database (migrated) → code packages → recovery → HTTP. Stop order is the
 * reverse: stop intake (HTTP, with a bounded grace period), then background work, then the database.
 */
public final class StratusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StratusServer.class);
    private static final long STOP_GRACE_MS = 5_000;

    private enum State { NEW, RUNNING, STOPPED }

    private final ServerConfig config;
    private final ReentrantLock lifecycle = new ReentrantLock();
    /** Guarded by {@link #lifecycle}. */
    private State state = State.NEW;
    /** Set in start, guarded by {@link #lifecycle}. */
    private DataDirectory dataDirectory;
    private SqliteDatabase database;
    private ExecutorService background;
    private Engine engine;
    private LambdaApi lambdaApi;
    private EventsApi eventsApi;
    private Queues queues;
    private Server http;

    public StratusServer(ServerConfig config) {
        this.config = config;
    }

    /**
     * Starts the server and returns once it accepts requests.
     *
     * @return the port it listens on
     * @throws StartupException when the port is taken, the data directory is unusable, or the store cannot open
     */
    public int start() {
        lifecycle.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("server already " + state);
            }
            try {
                openAndServe();
            } catch (RuntimeException e) {
                closeQuietly();
                throw e;
            }
            state = State.RUNNING;
            return port();
        } finally {
            lifecycle.unlock();
        }
    }

    private void openAndServe() {
        dataDirectory = DataDirectory.open(config.dataDir());
        try {
            database = SqliteDatabase.open(dataDirectory.database());
        } catch (StoreException e) {
            throw new StartupException("The database in " + dataDirectory.root() + " cannot be opened: "
                    + e.getMessage(), e);
        }
        CodeBlobs blobs = new CodeBlobs(dataDirectory.code());
        background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("prepare-", 0)
                .uncaughtExceptionHandler((t, e) -> LOG.error("background task {} failed", t.getName(), e))
                .factory());
        LambdaContext context = new LambdaContext(config.partition(),
                LambdaLimits.defaults().withConcurrentExecutions(config.sandboxes().concurrency()),
                dataDirectory.codeUrlKey(), InstantSource.system());
        ServerConfig.Sandboxes sandboxes = config.sandboxes();
        try {
            engine = Engine.start(new EngineConfig(dataDirectory.root(), config.partition().region(),
                    sandboxes.keepAlive(), sandboxes.memoryMb(), 10, sandboxes.runtimes(), sandboxes.strictRuntimes(),
                    sandboxes.isolation(), sandboxes.concurrency(), sandboxes.runtimeSpares()), blobs,
                    InstantSource.system());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StartupException("The execution engine cannot start: " + e.getMessage(), e);
        }
        queues = new Queues(new SqlQueueStore(database), config.partition(), InstantSource.system());
        LambdaApi lambda = new LambdaApi(context, new SqlFunctionStore(database), new SqlLayerStore(database), blobs,
                background, engine, new SqlAsyncQueue(database),
                config.sandboxes().asyncRetryScale(), new SqlPolicyStore(database), config.enforceInvokePermissions(),
                queues);
        lambda.recover();
        lambdaApi = lambda;
        eventsApi = new EventsApi(new SqlRuleStore(database), lambda.invoker(), config.partition(),
                config.scheduleClockScale());
        eventsApi.recover();
        Router router = new Router();
        lambda.register(router);
        SqlFunctionUrlStore functionUrls = new SqlFunctionUrlStore(database);
        new FunctionUrlsApi(lambda, functionUrls, InstantSource.system()).register(router);
        SqlHttpApiStore httpApis = new SqlHttpApiStore(database);
        new HttpApiControlPlane(config.partition(), httpApis, InstantSource.system()).register(router);
        new TestEventsApi(lambda, new SqlTestEventStore(database), InstantSource.system()).register(router);
        HttpApiIngress httpApiIngress = new HttpApiIngress(config.partition(), httpApis, lambda.invoker(),
                InstantSource.system());
        http = httpServer(new FrontDoor(new ApiHandler(router), new FunctionUrlIngress(functionUrls,
                lambda.invoker(), config.partition().accountId(), InstantSource.system()),
                httpApiIngress, Map.of(EventsApi.TARGET_PREFIX, eventsApi.handler(),
                        SqsApi.TARGET_PREFIX, new SqsApi(queues).handler()), new ConsoleAssets()));
        try {
            http.start();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new StartupException("Port " + config.port() + " on " + config.host() + " is already in"
                            + " use (or the address is not available). Stop what uses it, or choose another port with"
                            + " --port (0 picks a free one).", e);
                }
            }
            throw new StartupException("The HTTP server cannot start: " + e.getMessage(), e);
        }
    }

    private Server httpServer(Handler handler) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("http");
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("request-", 0).factory()));
        Server server = new Server(pool);
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendDateHeader(true);
        // Function URLs and HTTP APIs pass paths to functions still encoded, "%2F" included, as AWS does; the REST
        // router decodes each segment itself, so an encoded slash is never mistaken for a separator.
        httpConfig.setUriCompliance(UriCompliance.DEFAULT.with("stratus",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        // At least two selectors: with Jetty's default of one on a 2-core machine, the selector thread is the
        // bottleneck of many short requests (the prototype in peers.md lost ~10% of its throughput with one).
        int selectors = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
        ServerConnector connector = new ServerConnector(server, -1, selectors, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_GRACE_MS);
        return server;
    }

    /** The port the server listens on. */
    public int port() {
        return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    /** Stops intake, lets running requests finish within the grace period, then closes the store. Idempotent. */
    public void stop() {
        lifecycle.lock();
        try {
            if (state == State.STOPPED) {
                return;
            }
            closeQuietly();
            state = State.STOPPED;
        } finally {
            lifecycle.unlock();
        }
    }

    private void closeQuietly() {
        if (queues != null) {
            // Long-polling receivers answer now instead of holding the HTTP stop for up to 20 s.
            queues.close();
        }
        try {
            if (http != null) {
                http.stop();
            }
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly", e);
        }
        if (background != null) {
            background.shutdown();
            try {
                if (!background.awaitTermination(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
                    background.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                background.shutdownNow();
            }
        }
        if (eventsApi != null) {
            eventsApi.close();
        }
        if (lambdaApi != null) {
            lambdaApi.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            database.close();
        }
        if (dataDirectory != null) {
            dataDirectory.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
