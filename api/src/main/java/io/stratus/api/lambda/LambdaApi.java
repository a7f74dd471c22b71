package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.api.sqs.Queues;
import io.stratus.engine.Engine;
import io.stratus.store.async.AsyncQueue;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;

import io.stratus.model.function.Partition;
import io.stratus.store.code.CodeBlobs;
import io.stratus.store.function.FunctionStore;
import io.stratus.store.layer.LayerStore;
import io.stratus.store.policy.PolicyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda control-plane API over HTTP (version 2015-03-31 and its dated siblings): maps each route to its
 * operation, reads the request members, and renders the result in Lambda's wire shapes.
 */
public final class LambdaApi {

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String FUNCTION = FUNCTIONS + "/{FunctionName}";
    private static final String TAGS = "/2017-03-31/tags/{Resource}";
    private static final int LIST_PAGE_MAX = 50;
    private static final Logger LOG = LoggerFactory.getLogger(LambdaApi.class);

    private final FunctionRegistry registry;
    private final Tagging tagging;
    private final FunctionView view;
    private final CodeLocations locations;
    private final CodeBlobs blobs;
    private final FunctionPreparer preparer;
    private final CodeIntake intake;
    private final LambdaLimits limits;
    private final Engine engine;
    private final InvokeApi invokeApi;
    private final AsyncQueue asyncQueue;
    private final AsyncInvoker async;
    private final EventInvokeConfigApi eventInvokeConfigApi;
    private final EngineStatusApi statusApi;
    private final ConcurrencyApi concurrencyApi;
    private final VersionsApi versionsApi;
    private final ProvisionedConcurrencyApi provisionedApi;
    private final LayerStore layers;
    private final LayersApi layersApi;
    private final FunctionInvoker invoker;
    private final PermissionsApi permissionsApi;

    /**
     * Wires the API over a store.
     *
     * @param context   account, region, limits and the code-URL signing key
     * @param store     durable functions
     * @param layers    durable layer versions
     * @param blobs     durable code packages
     * @param executor  runs background preparation
     * @param engine    runs functions
     * @param asyncQueue durable asynchronous events
     * @param asyncRetryScale multiplies the delays between asynchronous retries
     * @param policies  durable resource-based policies
     * @param enforceInvokePermissions refuse trigger invocations the resource policy does not allow
     * @param queues    the queues dead-letter configurations and destinations may name
     */
    public LambdaApi(LambdaContext context, FunctionStore store, LayerStore layers, CodeBlobs blobs,
                     ExecutorService executor, Engine engine, AsyncQueue asyncQueue, double asyncRetryScale,
                     PolicyStore policies, boolean enforceInvokePermissions, Queues queues) {
        InstantSource clock = context.clock();
        this.blobs = blobs;
        this.limits = context.limits();
        this.layers = layers;
        this.intake = new CodeIntake(blobs, store, layers, limits);
        this.preparer = new FunctionPreparer(store, blobs, executor, record -> {
            try {
                engine.resolveRuntime(record.config().runtime());
                return Optional.empty();
            } catch (AwsException e) {
                return Optional.of(e.getMessage());
            }
        });
        LayerRegistry layerRegistry = new LayerRegistry(context.partition(), layers, intake, clock);
        this.registry = new FunctionRegistry(context.partition(), store, intake, preparer, clock,
                layerRegistry::resolve);
        this.tagging = new Tagging(registry);
        this.view = new FunctionView(context.partition());
        this.locations = new CodeLocations(context.codeUrlKey(), clock);
        this.layersApi = new LayersApi(layerRegistry, locations, limits.maxCreateRequestBytes());
        this.engine = engine;
        this.asyncQueue = asyncQueue;
        this.async = new AsyncInvoker(asyncQueue, registry, engine, clock, asyncRetryScale, queues);
        this.invokeApi = new InvokeApi(registry, engine, async);
        this.invoker = new FunctionInvoker(registry, engine, async,
                new PolicyAuthorizer(policies, context.partition(), enforceInvokePermissions));
        this.permissionsApi = new PermissionsApi(registry, policies);
        this.statusApi = new EngineStatusApi(registry, engine, async);
        this.eventInvokeConfigApi = new EventInvokeConfigApi(registry, asyncQueue, clock, async.destinations());
        this.concurrencyApi = new ConcurrencyApi(registry, engine, limits);
        this.provisionedApi = new ProvisionedConcurrencyApi(registry, engine, clock);
        this.versionsApi = new VersionsApi(registry, view, provisionedApi);
    }

    /** Finishes work a previous run left: removes orphan packages, resumes preparation. Call before serving. */
    public void recover() {
        blobs.removeTemporaries();
        intake.collectGarbage();
        preparer.resumeAll();
        concurrencyApi.publishToEngine();
        provisionedApi.applyAll();
        async.start();
    }

    /** Stops the asynchronous dispatcher; queued events stay stored for the next start. */
    public void close() {
        async.close();
    }

    /** How triggers invoke functions. */
    public FunctionInvoker invoker() {
        return invoker;
    }

    /** The functions, for APIs of this package that are wired apart (function URLs). */
    FunctionRegistry registry() {
        return registry;
    }

    /** Registers every route of this API. */
    public void register(Router router) {
        long codeBody = limits.maxCreateRequestBytes();
        router.add(new Route("POST", FUNCTIONS, "CreateFunction", codeBody, this::createFunction))
                .add(new Route("GET", FUNCTIONS, "ListFunctions", Route.DEFAULT_MAX_BODY, this::listFunctions))
                .add(new Route("GET", FUNCTION + "/configuration", "GetFunctionConfiguration",
                        Route.DEFAULT_MAX_BODY, this::getFunctionConfiguration))
                .add(new Route("PUT", FUNCTION + "/configuration", "UpdateFunctionConfiguration",
                        Route.DEFAULT_MAX_BODY, this::updateFunctionConfiguration))
                .add(new Route("PUT", FUNCTION + "/code", "UpdateFunctionCode", codeBody, this::updateFunctionCode))
                .add(new Route("GET", FUNCTION, "GetFunction", Route.DEFAULT_MAX_BODY, this::getFunction))
                .add(new Route("DELETE", FUNCTION, "DeleteFunction", Route.DEFAULT_MAX_BODY, this::deleteFunction))
                .add(new Route("POST", TAGS, "TagResource", Route.DEFAULT_MAX_BODY, this::tagResource))
                .add(new Route("DELETE", TAGS, "UntagResource", Route.DEFAULT_MAX_BODY, this::untagResource))
                .add(new Route("GET", TAGS, "ListTags", Route.DEFAULT_MAX_BODY, this::listTags))
                .add(new Route("GET", "/2016-08-19/account-settings", "GetAccountSettings", Route.DEFAULT_MAX_BODY,
                        this::getAccountSettings))
                .add(new Route("GET", CodeLocations.PATH_PREFIX + "{File}", "DownloadCode", Route.DEFAULT_MAX_BODY,
                        this::downloadCode));
        invokeApi.register(router);
        statusApi.register(router);
        concurrencyApi.register(router);
        versionsApi.register(router);
        provisionedApi.register(router);
        eventInvokeConfigApi.register(router);
        layersApi.register(router);
        permissionsApi.register(router);
    }

    private ApiResponse createFunction(ApiRequest request) {
        JsonBody body = request.json();
        checkDeadLetterTarget(body);
        FunctionRecord created = registry.create(body);
        warnAboutRuntime(created);
        if (body.bool("Publish").orElse(false)) {
            // Lambda answers with the new version 1, under the unqualified ARN.
            created = registry.publish(created.name(), Optional.empty(), Optional.empty(), Optional.empty(), true);
        }
        return ApiResponse.json(201, view.render(created, FunctionView.Shape.UNQUALIFIED));
    }

    /**
     * Checks {@code DeadLetterConfig.TargetArn} names a queue of this server. A value that is not an ARN at all is
     * left to the modeled-constraint check, which reports it with the other violations; an empty one clears it.
     */
    private void checkDeadLetterTarget(JsonBody body) {
        body.object("DeadLetterConfig").flatMap(d -> d.string("TargetArn"))
                .filter(arn -> !arn.isEmpty() && arn.matches(FunctionInputs.ARN_OR_EMPTY_PATTERN))
                .ifPresent(async.destinations()::checkDeadLetterTarget);
    }

    /** One operator-log line when the function's runtime will run on a stand-in version, or cannot run here. */
    private void warnAboutRuntime(FunctionRecord function) {
        try {
            engine.resolveRuntime(function.config().runtime()).warning()
                    .ifPresent(w -> LOG.warn("function {}: {}", function.name(), w));
        } catch (AwsException e) {
            LOG.warn("function {}: {}", function.name(), e.getMessage());
        }
    }

    private FunctionRef ref(ApiRequest request, FunctionRef.Form form) {
        return FunctionRef.parse(request.path("FunctionName"), request.query("Qualifier"), form, registry.partition());
    }

    private ApiResponse getFunction(ApiRequest request) {
        FunctionRef ref = ref(request, FunctionRef.Form.READ);
        FunctionRecord found = registry.get(ref);
        ObjectNode body = WireJson.object();
        body.set("Configuration", view.render(found, shapeFor(ref), ref.qualifier().orElse(found.version())));
        ObjectNode code = body.putObject("Code");
        code.put("RepositoryType", "S3");
        code.put("Location", locations.presign(request.baseUrl(), found.code().sha256Hex()));
        Integer reserved = registry.reservedConcurrency().get(found.name());
        if (reserved != null) {
            body.putObject("Concurrency").put("ReservedConcurrentExecutions", reserved);
        }
        Map<String, String> tags = registry.tags(found.name()).orElse(Map.of());
        if (!tags.isEmpty()) {
            ObjectNode tagNode = body.putObject("Tags");
            tags.forEach(tagNode::put);
        }
        return ApiResponse.json(200, body);
    }

    private ApiResponse getFunctionConfiguration(ApiRequest request) {
        FunctionRef ref = ref(request, FunctionRef.Form.READ);
        FunctionRecord found = registry.get(ref);
        return ApiResponse.json(200, view.render(found, shapeFor(ref), ref.qualifier().orElse(found.version())));
    }

    private static FunctionView.Shape shapeFor(FunctionRef ref) {
        return ref.qualifier().isPresent() ? FunctionView.Shape.QUALIFIED : FunctionView.Shape.UNQUALIFIED;
    }

    private ApiResponse updateFunctionConfiguration(ApiRequest request) {
        FunctionRef ref = ref(request, FunctionRef.Form.MUTATING);
        Set<String> layerCode = layerCode(ref);
        checkDeadLetterTarget(request.json());
        FunctionRecord updated = registry.updateConfiguration(ref, request.json());
        intake.release(layerCode);
        engine.retire(updated.name(), updated.version());
        warnAboutRuntime(updated);
        return ApiResponse.json(200, view.render(updated, FunctionView.Shape.UNQUALIFIED));
    }

    private ApiResponse updateFunctionCode(ApiRequest request) {
        JsonBody body = request.json();
        FunctionRecord updated = registry.updateCode(ref(request, FunctionRef.Form.MUTATING), body);
        engine.retire(updated.name(), updated.version());
        if (body.bool("Publish").orElse(false) && !body.bool("DryRun").orElse(false)) {
            FunctionRecord published = registry.publish(updated.name(), Optional.empty(), Optional.empty(),
                    Optional.empty(), true);
            return ApiResponse.json(200, view.render(published, FunctionView.Shape.QUALIFIED));
        }
        return ApiResponse.json(200, view.render(updated, FunctionView.Shape.UNQUALIFIED));
    }

    private ApiResponse deleteFunction(ApiRequest request) {
        FunctionRef ref = ref(request, FunctionRef.Form.READ);
        Set<String> layerCode = layerCode(ref);
        registry.delete(ref);
        intake.release(layerCode);
        if (ref.qualifier().isPresent()) {
            registry.store().deleteProvisioned(ref.name(), ref.qualifier().get());
            provisionedApi.apply(ref.name());
            engine.retire(ref.name(), ref.qualifier().get());
        } else {
            engine.retire(ref.name());
            asyncQueue.removeFunction(ref.name());
        }
        concurrencyApi.publishToEngine();
        return ApiResponse.empty(204);
    }

    /**
     * The layer packages {@code $LATEST} uses: a change may orphan those of deleted layer versions, which are then
     * released (each kept while anything still refers to it).
     */
    private Set<String> layerCode(FunctionRef ref) {
        return registry.find(ref.name(), FunctionVersion.LATEST)
                .map(r -> r.config().layers().stream().map(l -> l.code().sha256Hex()).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    private ApiResponse listFunctions(ApiRequest request) {
        ConstraintViolations violations = new ConstraintViolations();
        Optional<String> functionVersion = request.query("FunctionVersion");
        functionVersion.ifPresent(v -> violations.oneOf(v, "functionVersion", List.of("ALL")));
        request.query("MasterRegion").ifPresent(r ->
                violations.pattern(r, "masterRegion", "ALL|[a-z]{2}(-gov)?-[a-z]+-\\d{1}"));
        int maxItems = maxItems(request, violations, 10000);
        violations.throwIfAny();
        int pageSize = Math.min(maxItems, LIST_PAGE_MAX);
        if (functionVersion.isPresent()) {
            return listAllVersions(request, pageSize);
        }
        Optional<String> after = request.query("Marker").map(LambdaApi::decodeMarker);
        List<FunctionRecord> page = registry.list(after, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<FunctionRecord> shown = more ? page.subList(0, pageSize) : page;
        FunctionView.Shape shape = functionVersion.isPresent()
                ? FunctionView.Shape.LIST_ITEM_QUALIFIED : FunctionView.Shape.LIST_ITEM;
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("Functions");
        shown.forEach(r -> items.add(view.render(r, shape)));
        if (more) {
            body.put("NextMarker", encodeMarker(shown.get(shown.size() - 1).name()));
        }
        return ApiResponse.json(200, body);
    }

    /** ListFunctions with FunctionVersion=ALL: every version of every function, qualified ARNs. */
    private ApiResponse listAllVersions(ApiRequest request, int pageSize) {
        Optional<Map.Entry<String, String>> after = request.query("Marker").map(VersionsApi::decodeVersionMarker);
        List<FunctionRecord> page = registry.listAllVersions(after, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<FunctionRecord> shown = more ? page.subList(0, pageSize) : page;
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("Functions");
        shown.forEach(r -> items.add(view.render(r, FunctionView.Shape.LIST_ITEM_QUALIFIED)));
        if (more) {
            FunctionRecord last = shown.get(shown.size() - 1);
            body.put("NextMarker", VersionsApi.encodeVersionMarker(last.name(), last.version()));
        }
        return ApiResponse.json(200, body);
    }

    /** Reads {@code MaxItems}: absent means the largest page. */
    static int maxItems(ApiRequest request, ConstraintViolations violations, int max) {
        Optional<String> raw = request.query("MaxItems");
        if (raw.isEmpty()) {
            return max;
        }
        try {
            long value = Long.parseLong(raw.get());
            violations.range(value, "maxItems", 1, max);
            return (int) Math.max(1, Math.min(value, max));
        } catch (NumberFormatException e) {
            violations.add(raw.get(), "maxItems", "Member must be an integer");
            return max;
        }
    }

    static String encodeMarker(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeMarker(String marker) {
        try {
            String name = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (!name.matches("[a-zA-Z0-9-_]{1,64}")) {
                throw new IllegalArgumentException("not a function name");
            }
            return name;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterValueException("Invalid Marker: '" + marker
                    + "'. Use the NextMarker value of a previous response.");
        }
    }

    private ApiResponse tagResource(ApiRequest request) {
        tagging.tag(request.path("Resource"), request.json());
        return ApiResponse.empty(204);
    }

    private ApiResponse untagResource(ApiRequest request) {
        tagging.untag(request.path("Resource"), request.queryAll("tagKeys"));
        return ApiResponse.empty(204);
    }

    private ApiResponse listTags(ApiRequest request) {
        ObjectNode body = WireJson.object();
        ObjectNode tags = body.putObject("Tags");
        tagging.list(request.path("Resource")).forEach(tags::put);
        return ApiResponse.json(200, body);
    }

    private ApiResponse getAccountSettings(ApiRequest request) {
        FunctionStore.Usage usage = registry.usage();
        ObjectNode body = WireJson.object();
        ObjectNode limit = body.putObject("AccountLimit");
        limit.put("TotalCodeSize", limits.totalCodeBytes());
        limit.put("CodeSizeUnzipped", limits.maxUnzippedBytes());
        limit.put("CodeSizeZipped", limits.maxZippedBytes());
        limit.put("ConcurrentExecutions", limits.concurrentExecutions());
        int reserved = registry.reservedConcurrency().values().stream().mapToInt(Integer::intValue).sum();
        limit.put("UnreservedConcurrentExecutions", limits.concurrentExecutions() - reserved);
        ObjectNode used = body.putObject("AccountUsage");
        used.put("TotalCodeSize", usage.totalCodeBytes() + layers.totalCodeBytes());
        used.put("FunctionCount", usage.functionCount());
        return ApiResponse.json(200, body);
    }

    private ApiResponse downloadCode(ApiRequest request) {
        String file = request.path("File");
        String sha = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : "";
        long expires = request.query("expires").filter(e -> e.matches("\\d{1,12}")).map(Long::parseLong).orElse(0L);
        String signature = request.query("signature").orElse("");
        if (!sha.matches("[0-9a-f]{64}") || !locations.valid(sha, expires, signature) || !blobs.exists(sha)) {
            throw new ResourceNotFoundException("The code location is unknown or has expired. Call GetFunction for a"
                    + " new one.");
        }
        try (InputStream in = blobs.open(sha)) {
            return ApiResponse.bytes(200, "application/zip", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read code package " + sha, e);
        }
    }
}
