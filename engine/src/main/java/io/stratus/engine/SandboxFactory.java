package io.stratus.engine;

import io.stratus.engine.logs.FunctionLogs;
import io.stratus.engine.runtime.Interpreter;
import io.stratus.engine.runtime.Language;
import io.stratus.engine.runtime.RuntimeCaches;
import io.stratus.engine.runtime.RuntimeCatalog;
import io.stratus.engine.runtime.RuntimeClients;
import io.stratus.engine.runtime.RuntimeResolution;
import io.stratus.engine.sandbox.Isolation;
import io.stratus.engine.sandbox.LaunchPlan;
import io.stratus.engine.sandbox.Sandbox;
import io.stratus.engine.sandbox.SandboxLogs;
import io.stratus.engine.sandbox.SandboxPaths;
import io.stratus.engine.sandbox.SandboxSpec;
import io.stratus.engine.sandbox.Spare;
import io.stratus.model.function.FunctionConfig;
import io.stratus.store.code.LayerTrees;
import io.stratus.store.code.UnpackedCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Builds sandboxes for a spec: resolves the runtime to an interpreter, unpacks the code, lays out the paths,
 * writes the command line and environment Lambda's runtimes expect, and opens the sandbox's log stream.
 */
final class SandboxFactory {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SandboxFactory.class);

    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final EngineConfig config;
    private final RuntimeCatalog catalog;
    private final RuntimeClients clients;
    private final Code code;
    private final Isolation isolation;
    private final FunctionLogs logs;
    private final InstantSource clock;
    /** Pre-started runtimes, or null when they are off or this isolation cannot adopt them. */
    private RuntimeSpares spares;

    /**
     * Where sandboxes' files come from.
     *
     * @param tasks  unpacked function code, per package
     * @param layers merged layer trees, per ordered list of packages
     */
    record Code(UnpackedCode tasks, LayerTrees layers) {
    }

    SandboxFactory(EngineConfig config, RuntimeCatalog catalog, RuntimeClients clients, Code code,
                   Isolation isolation, FunctionLogs logs, InstantSource clock) {
        this.config = config;
        this.catalog = catalog;
        this.clients = clients;
        this.code = code;
        this.isolation = isolation;
        this.logs = logs;
        this.clock = clock;
    }

    /**
     * Starts a sandbox for the spec; its runtime initialises in the background.
     *
     * @throws io.stratus.model.error.InvalidRuntimeException when no interpreter here runs the runtime
     */
    Sandbox start(SandboxSpec spec) throws IOException {
        return start(spec, false);
    }

    /** Starts a sandbox; a provisioned one tells its runtime so and never reports an init duration. */
    Sandbox start(SandboxSpec spec, boolean provisioned) throws IOException {
        FunctionConfig fc = spec.config();
        RuntimeResolution runtime = catalog.resolve(fc.runtime());
        Path codeDir = code.tasks().unpacked(spec.code().sha256Hex());
        Optional<Path> layersDir = code.layers().merged(
                fc.layers().stream().map(l -> l.code().sha256Hex()).toList());
        String sandboxId = newSandboxId();
        String streamName = streamName(spec, sandboxId);
        String group = fc.logging().logGroup();
        SandboxPaths isolated = isolation.paths(sandboxId);
        // Without namespaces the runtime reads the merged layers where they are (STRATUS_OPT_DIR).
        SandboxPaths paths = isolated.lambdaLayout() ? isolated : layersDir.map(isolated::withOpt).orElse(isolated);
        Path taskDir = paths.lambdaLayout() ? paths.task() : codeDir;
        Optional<Path> clientDir = runtime.language().clientDirectory().map(d -> clients.directory(runtime.language()));
        Path runtimeDir = paths.lambdaLayout() ? paths.runtime() : clientDir.orElse(codeDir);
        Optional<Isolation.InterpreterView> view = runtime.interpreter()
                .map(i -> isolation.interpreterView(i.binary(), i.home()));
        if (spares != null && adoptable(fc, runtime)) {
            SpareKind kind = SpareKind.forFunction(fc.runtime(), runtime.language(), fc.memoryMb());
            Optional<Spare> spare = spares.take(kind);
            // Tops the kind's spares up: replaces the one just taken, or starts its first.
            spares.wanted(kind);
            if (spare.isPresent()) {
                Optional<Sandbox> adopted = adopt(spec, runtime, kind, spare.get(), codeDir, layersDir, provisioned);
                if (adopted.isPresent()) {
                    return adopted.get();
                }
            }
        }
        List<String> command = command(runtime, fc.memoryMb(), view.map(Isolation.InterpreterView::binary), taskDir,
                runtimeDir, paths, new HostDirs(codeDir, layersDir));
        SandboxLogs.Opened log = SandboxLogs.open(logs, group, streamName, clock);
        runtime.warning().ifPresent(w -> log.line("WARNING " + w));
        runtime.interpreter().ifPresent(i -> log.line("INIT_START Runtime Version: " + runtimeVersion(runtime, i)));
        Map<String, String> baseEnv = environment(spec, runtime, streamName, group, taskDir, runtimeDir, paths);
        if (provisioned) {
            baseEnv.put("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
        }
        try {
            Sandbox sandbox = start(spec, sandboxId, log, baseEnv, new HostDirs(codeDir, layersDir), clientDir, view,
                    command);
            if (provisioned) {
                sandbox.provisioned();
            }
            return sandbox;
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private static String newSandboxId() {
        return "sb-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private String streamName(SandboxSpec spec, String sandboxId) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(STREAM_DATE) + "/[" + spec.version() + "]"
                + sandboxId.substring(3);
    }

    /** Uses pre-started runtimes from now on (only where sandboxes see Lambda's paths). */
    void useSpares(RuntimeSpares pool) {
        this.spares = isolation.lambdaLayout() ? pool : null;
    }

    /**
     * Environment variables a runtime reads only while it starts, so a pre-started runtime cannot take them from
     * a function: a function that sets one starts its own runtime.
     */
    private static final List<String> STARTUP_VARIABLE_PREFIXES = List.of("NODE_", "PYTHON", "LD_", "LC_", "LANG",
            "TZ", "AWS_LAMBDA_EXEC_WRAPPER", "MALLOC_", "GLIBC_", "UV_", "SSL_CERT", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    /**
     * Whether a pre-started runtime can serve this function: Node.js, Python, or Java on a JDK that can replace
     * its process environment (see {@link #JAVA_SPARE_FLAGS}); the default /tmp size (a mount option fixed at
     * start); and no start-up-only environment variables.
     */
    private static boolean adoptable(FunctionConfig fc, RuntimeResolution runtime) {
        boolean supported = switch (runtime.language()) {
            case NODE, PYTHON -> true;
            case JAVA -> runtime.interpreter().orElseThrow().version().get(0) >= JAVA_SPARE_MIN_MAJOR;
            case PROVIDED -> false;
        };
        if (!supported) {
            return false;
        }
        if (fc.ephemeralStorageMb() != SPARE_EPHEMERAL_MB) {
            return false;
        }
        return fc.environment().map(env -> env.keySet().stream().noneMatch(name ->
                STARTUP_VARIABLE_PREFIXES.stream().anyMatch(name::startsWith))).orElse(true);
    }

    private static final int SPARE_EPHEMERAL_MB = 512;
    /** A Node.js or Python spare's memory limit until a function adopts it and sets its own. */
    private static final int SPARE_MEMORY_MB = 128;

    /**
     * A Java spare adopts a function's environment by rewriting the JVM's copy of it (the unmodifiable map's inner
     * map, in java.util) and the C library's (setenv through the foreign function API, JDK 22+). Only spares get
     * these flags: they turn off the default CDS archive's full module graph, a few milliseconds a spare pays
     * before it is adopted, and the Java client's own archive still maps (checked with -Xshare:on -Xlog:cds).
     */
    private static final List<String> JAVA_SPARE_FLAGS = List.of("--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED");
    /** The first JDK whose foreign function API is final, which a Java spare needs to replace its environment. */
    private static final int JAVA_SPARE_MIN_MAJOR = 22;

    /** Starts a pre-started runtime of a kind ({@code nodejs20.x}, {@code java21} at 512 MB). */
    Spare startSpare(SpareKind kind) throws IOException {
        RuntimeResolution runtime = catalog.resolve(kind.runtimeId());
        int memoryMb = kind.memoryMb().orElse(SPARE_MEMORY_MB);
        String id = newSandboxId();
        SandboxPaths paths = isolation.paths(id);
        Path staging = config.dataDir().resolve("spares").resolve(id);
        Optional<Path> clientDir = runtime.language().clientDirectory().map(d -> clients.directory(runtime.language()));
        Optional<Isolation.InterpreterView> view = runtime.interpreter()
                .map(i -> isolation.interpreterView(i.binary(), i.home()));
        HostDirs host = new HostDirs(staging.resolve("task"), Optional.of(staging.resolve("opt")));
        List<String> command = command(runtime, memoryMb, view.map(Isolation.InterpreterView::binary),
                paths.task(), paths.runtime(), paths, host);
        if (runtime.language() == Language.JAVA) {
            command.addAll(1, JAVA_SPARE_FLAGS);
        }
        Map<String, String> env = defaults(runtime, paths.task(), paths.runtime(), paths);
        env.put("LAMBDA_TASK_ROOT", paths.task().toString());
        env.put("LAMBDA_RUNTIME_DIR", paths.runtime().toString());
        env.put("STRATUS_SPARE", "1");
        return Spare.start(id, isolation, staging, address -> {
            Map<String, String> withApi = new LinkedHashMap<>(env);
            withApi.put("AWS_LAMBDA_RUNTIME_API", address);
            return new LaunchPlan(id, memoryMb, SPARE_EPHEMERAL_MB, host.code(), host.layers(), clientDir,
                    view.map(Isolation.InterpreterView::home), command, withApi);
        });
    }

    /**
     * Makes a claimed spare the function's sandbox: links the code and layers into the spare's directories and
     * answers its runtime with the function's environment. Empty (and the spare closed) when that fails; the
     * caller then starts a runtime of its own.
     */
    private Optional<Sandbox> adopt(SandboxSpec spec, RuntimeResolution runtime, SpareKind kind, Spare spare,
                                    Path codeDir, Optional<Path> layersDir, boolean provisioned) {
        FunctionConfig fc = spec.config();
        SandboxPaths paths = isolation.paths(spare.id());
        SandboxLogs.Opened log = null;
        try {
            FileTrees.link(codeDir, spare.taskDir());
            if (layersDir.isPresent()) {
                FileTrees.link(layersDir.get(), spare.optDir());
            }
            String streamName = streamName(spec, spare.id());
            String group = fc.logging().logGroup();
            log = SandboxLogs.open(logs, group, streamName, clock);
            SandboxLogs.Opened opened = log;
            runtime.warning().ifPresent(w -> opened.line("WARNING " + w));
            runtime.interpreter().ifPresent(i -> opened.line("INIT_START Runtime Version: "
                    + runtimeVersion(runtime, i)));
            Map<String, String> env = environment(spec, runtime, streamName, group, paths.task(), paths.runtime(),
                    paths);
            if (provisioned) {
                env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
            }
            Sandbox sandbox = Sandbox.adopt(spare, spec.version(), fc.memoryMb(),
                    TimeUnit.SECONDS.toNanos(config.initTimeoutSeconds()), log, isolation, clock, env);
            if (provisioned) {
                sandbox.provisioned();
            }
            spares.adopted(kind);
            return Optional.of(sandbox);
        } catch (IOException | RuntimeException e) {
            LOG.warn("a pre-started runtime could not be adopted by {}: {}", spec.functionName(), e.toString());
            spare.close();
            if (log != null) {
                log.close();
            }
            return Optional.empty();
        }
    }

    /**
     * A sandbox's files on the host.
     *
     * @param code   the unpacked function code
     * @param layers the merged layers, when the function has any
     */
    private record HostDirs(Path code, Optional<Path> layers) {
    }

    private Sandbox start(SandboxSpec spec, String sandboxId, SandboxLogs.Opened log, Map<String, String> baseEnv,
                          HostDirs host, Optional<Path> clientDir, Optional<Isolation.InterpreterView> view,
                          List<String> command) throws IOException {
        FunctionConfig fc = spec.config();
        return Sandbox.start(sandboxId, spec.version(), fc.memoryMb(), TimeUnit.SECONDS.toNanos(
                config.initTimeoutSeconds()), log, isolation, clock, address -> {
                    Map<String, String> env = new LinkedHashMap<>(baseEnv);
                    env.put("AWS_LAMBDA_RUNTIME_API", address);
                    return new LaunchPlan(sandboxId, fc.memoryMb(), fc.ephemeralStorageMb(), host.code(),
                            host.layers(), clientDir, view.map(Isolation.InterpreterView::home), command, env);
                });
    }

    private static String runtimeVersion(RuntimeResolution runtime, Interpreter interpreter) {
        return runtime.language().name().toLowerCase(java.util.Locale.ROOT) + ":" + interpreter.versionText();
    }

    private List<String> command(RuntimeResolution runtime, int memoryMb, Optional<Path> binary, Path task,
                                 Path runtimeDir, SandboxPaths paths, HostDirs host) {
        List<String> command = new ArrayList<>();
        switch (runtime.language()) {
            case NODE -> {
                command.add(binary.orElseThrow().toString());
                if (!paths.lambdaLayout()) {
                    // Without a cgroup, V8's own heap limit keeps the process near its memory size.
                    command.add("--max-old-space-size=" + Math.max(32, memoryMb * 85 / 100));
                }
                // A sandbox runs one request at a time, so with many sandboxes each sees a small share of the
                // traffic and V8's default tier-up (by bytecode executed per process) leaves them slow for long:
                // baseline code at once and the optimising compiler 8x sooner (docs/runtimes.md).
                command.addAll(List.of("--always-sparkplug", "--interrupt-budget=8192"));
                command.add(runtimeDir.resolve("index.mjs").toString());
            }
            case PYTHON -> {
                command.add(binary.orElseThrow().toString());
                command.add(runtimeDir.resolve("bootstrap.py").toString());
            }
            case JAVA -> {
                Interpreter java = runtime.interpreter().orElseThrow();
                command.add(binary.orElseThrow().toString());
                command.addAll(RuntimeCaches.javaFlags(java));
                RuntimeCaches.javaArchive(clients.directory(Language.JAVA), java).ifPresent(archive -> command.addAll(
                        // Quiet: a stale archive must not print warnings into the function's log.
                        List.of("-XX:SharedArchiveFile=" + runtimeDir.resolve(archive), "-Xlog:cds*=off")));
                command.addAll(List.of("-XX:MaxHeapSize=" + Math.max(16, memoryMb * 85 / 100) + "m",
                        "-cp", runtimeDir.resolve("stratus-java-runtime.jar").toString(),
                        "io.stratus.runtime.java.Bootstrap"));
            }
            case PROVIDED -> command.add(bootstrap(task, paths, host));
        }
        return command;
    }

    /**
     * The custom runtime's entry point: {@code bootstrap} in the code, else in a layer. When neither exists the
     * command fails to start and the invocation reports the runtime's exit, as Lambda does.
     */
    private static String bootstrap(Path task, SandboxPaths paths, HostDirs host) {
        boolean inLayers = host.layers().filter(d -> Files.exists(d.resolve("bootstrap"))).isPresent();
        if (Files.isExecutable(host.code().resolve("bootstrap")) || !inLayers) {
            return task.resolve("bootstrap").toString();
        }
        return paths.opt().resolve("bootstrap").toString();
    }

    /** The environment every sandbox of a runtime starts with, before the function's own and reserved values. */
    private Map<String, String> defaults(RuntimeResolution runtime, Path task, Path runtimeDir, SandboxPaths paths) {
        Path opt = paths.opt();
        Map<String, String> env = new LinkedHashMap<>();
        // Defaults users may override.
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        String langBin = paths.lambdaLayout() ? "/var/lang/bin:" : "";
        String hostPath = paths.lambdaLayout() ? "/usr/local/bin:/usr/bin/:/bin" : System.getenv()
                .getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PATH", langBin + hostPath + ":" + opt.resolve("bin"));
        env.put("LD_LIBRARY_PATH", (paths.lambdaLayout() ? "/var/lang/lib:" : "") + "/lib64:/usr/lib64:"
                + runtimeDir + ":" + runtimeDir.resolve("lib") + ":" + task + ":" + task.resolve("lib") + ":"
                + opt.resolve("lib"));
        if (runtime.language() == Language.NODE) {
            int major = runtime.interpreter().orElseThrow().version().get(0);
            env.put("NODE_PATH", opt.resolve("nodejs/node" + major + "/node_modules") + ":"
                    + opt.resolve("nodejs/node_modules") + ":" + runtimeDir.resolve("node_modules") + ":"
                    + runtimeDir + ":" + task);
        }
        if (runtime.language() == Language.PYTHON) {
            env.put("PYTHONPATH", runtimeDir.toString());
        }
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        if (!paths.lambdaLayout()) {
            env.put("TMPDIR", paths.tmp().toString());
            env.put("STRATUS_OPT_DIR", opt.toString());
        }
        return env;
    }

    private Map<String, String> environment(SandboxSpec spec, RuntimeResolution runtime, String streamName,
                                            String group, Path task, Path runtimeDir, SandboxPaths paths) {
        FunctionConfig fc = spec.config();
        Map<String, String> env = defaults(runtime, task, runtimeDir, paths);
        fc.environment().ifPresent(env::putAll);
        // Reserved: always the platform's values.
        env.put("_HANDLER", fc.handler());
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        if (runtime.language() != Language.PROVIDED) {
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + fc.runtime());
        }
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(fc.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", group);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", streamName);
        if ("JSON".equals(fc.logging().logFormat())) {
            env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            env.put("AWS_LAMBDA_LOG_LEVEL", fc.logging().applicationLogLevel().orElse("INFO"));
        }
        return env;
    }
}
