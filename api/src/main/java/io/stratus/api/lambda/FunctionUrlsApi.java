package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiRequest;
import io.stratus.api.ApiResponse;
import io.stratus.api.JsonBody;
import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.api.WireJson;
import io.stratus.api.url.Cors;
import io.stratus.api.url.FunctionUrls;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.url.FunctionUrlStore;
import io.stratus.store.url.FunctionUrlStore.StoredUrl;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Create/Get/Update/Delete/ListFunctionUrlConfigs (API version 2021-10-31). A config belongs to the unqualified
 * function ({@code $LATEST}) or to one alias; versions cannot have one. Validation order and messages are Lambda's
 * as recorded: the qualifier's pattern first, then the function, then the config.
 */
public final class FunctionUrlsApi {

    private static final String URL = "/2021-10-31/functions/{FunctionName}/url";
    private static final String QUALIFIER_PATTERN = "((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
    private static final List<String> AUTH_TYPES = List.of("NONE", "AWS_IAM");
    private static final List<String> INVOKE_MODES = List.of("RESPONSE_STREAM", "BUFFERED");
    private static final String NO_FUNCTION = "Function does not exist";
    private static final String NO_RESOURCE = "The resource you requested does not exist.";
    private static final int LIST_MAX = 50;

    private final FunctionRegistry registry;
    private final FunctionUrlStore store;
    private final InstantSource clock;

    /**
     * @param lambda the Lambda API whose functions the configs belong to
     * @param store  durable configs
     */
    public FunctionUrlsApi(LambdaApi lambda, FunctionUrlStore store, InstantSource clock) {
        this.registry = lambda.registry();
        this.store = store;
        this.clock = clock;
    }

    /** Registers the five operations. */
    public void register(Router router) {
        long body = Route.DEFAULT_MAX_BODY;
        router.add(new Route("POST", URL, "CreateFunctionUrlConfig", body, this::create))
                .add(new Route("GET", URL, "GetFunctionUrlConfig", body, this::get))
                .add(new Route("PUT", URL, "UpdateFunctionUrlConfig", body, this::update))
                .add(new Route("DELETE", URL, "DeleteFunctionUrlConfig", body, this::delete))
                .add(new Route("GET", URL + "s", "ListFunctionUrlConfigs", body, this::list));
    }

    private ApiResponse create(ApiRequest request) {
        ConstraintViolations violations = qualifierViolations(request);
        JsonBody body = request.json();
        String authType = body.string("AuthType").orElse(null);
        violations.required(authType, "authType");
        Settings settings = settings(body, violations);
        violations.throwIfAny();
        FunctionRef ref = ref(request, FunctionRef.Form.MUTATING);
        requireTarget(ref, NO_FUNCTION);
        long now = clock.millis();
        StoredUrl url = new StoredUrl(FunctionUrls.newUrlId(), ref.name(), qualifier(ref), authType,
                settings.cors().map(c -> c.toJson().toString()), settings.invokeMode().orElse("BUFFERED"), now, now);
        if (!store.insert(url)) {
            throw new ResourceConflictException("Failed to create function url config for [functionArn = "
                    + ref.arn(registry.partition()) + "]. Error message:  FunctionUrlConfig exists for this Lambda"
                    + " function");
        }
        ObjectNode shown = render(url, request.baseUrl(), false, settings.invokeMode().isPresent());
        return ApiResponse.json(201, shown);
    }

    private ApiResponse get(ApiRequest request) {
        StoredUrl url = existing(request, FunctionRef.Form.READ, NO_RESOURCE);
        return ApiResponse.json(200, render(url, request.baseUrl(), true, true));
    }

    private ApiResponse update(ApiRequest request) {
        ConstraintViolations violations = qualifierViolations(request);
        JsonBody body = request.json();
        Optional<String> authType = body.string("AuthType");
        Settings settings = settings(body, violations);
        violations.throwIfAny();
        StoredUrl current = existing(request, FunctionRef.Form.MUTATING, NO_FUNCTION);
        StoredUrl updated = new StoredUrl(current.urlId(), current.functionName(), current.qualifier(),
                authType.orElse(current.authType()),
                settings.cors().isPresent() ? settings.cors().map(c -> c.toJson().toString()) : current.cors(),
                settings.invokeMode().orElse(current.invokeMode()), current.createdMs(), clock.millis());
        if (!store.update(updated)) {
            throw new ResourceNotFoundException(NO_RESOURCE);
        }
        // Lambda echoes InvokeMode on update when it was sent or is not the default.
        boolean showMode = settings.invokeMode().isPresent() || !updated.invokeMode().equals("BUFFERED");
        return ApiResponse.json(200, render(updated, request.baseUrl(), true, showMode));
    }

    private ApiResponse delete(ApiRequest request) {
        StoredUrl url = existing(request, FunctionRef.Form.MUTATING, NO_RESOURCE);
        if (!store.delete(url.functionName(), url.qualifier())) {
            throw new ResourceNotFoundException(NO_RESOURCE);
        }
        return ApiResponse.empty(204);
    }

    private ApiResponse list(ApiRequest request) {
        ConstraintViolations violations = new ConstraintViolations();
        int maxItems = LambdaApi.maxItems(request, violations, LIST_MAX);
        violations.throwIfAny();
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), Optional.empty(), FunctionRef.Form.READ,
                registry.partition());
        requireTarget(ref, NO_FUNCTION);
        Optional<String> after = request.query("Marker").map(LambdaApi::decodeMarker);
        List<StoredUrl> page = store.list(ref.name(), after, maxItems + 1);
        boolean more = page.size() > maxItems;
        List<StoredUrl> shown = more ? page.subList(0, maxItems) : page;
        ObjectNode body = WireJson.object();
        ArrayNode items = body.putArray("FunctionUrlConfigs");
        shown.forEach(url -> items.add(render(url, request.baseUrl(), true, true)));
        if (more) {
            body.put("NextMarker", LambdaApi.encodeMarker(shown.get(shown.size() - 1).urlId()));
        }
        return ApiResponse.json(200, body);
    }

    /** The settings both Create and Update accept besides AuthType. */
    private record Settings(Optional<Cors> cors, Optional<String> invokeMode) {
    }

    private static Settings settings(JsonBody body, ConstraintViolations violations) {
        body.string("AuthType").ifPresent(a -> violations.oneOf(a, "authType", AUTH_TYPES));
        Optional<String> invokeMode = body.string("InvokeMode");
        invokeMode.ifPresent(m -> violations.oneOf(m, "invokeMode", INVOKE_MODES));
        Optional<Cors> cors = body.object("Cors").map(c -> Cors.read(c, violations));
        return new Settings(cors, invokeMode);
    }

    private static ConstraintViolations qualifierViolations(ApiRequest request) {
        ConstraintViolations violations = new ConstraintViolations();
        request.query("Qualifier").ifPresent(q -> {
            violations.length(q, "qualifier", 1, 128);
            violations.pattern(q, "qualifier", QUALIFIER_PATTERN);
        });
        return violations;
    }

    private FunctionRef ref(ApiRequest request, FunctionRef.Form form) {
        FunctionRef ref = FunctionRef.parse(request.path("FunctionName"), request.query("Qualifier"), form,
                registry.partition());
        // A qualifier inside the ARN obeys the same rule as the parameter.
        ref.qualifier().ifPresent(q -> new ConstraintViolations().pattern(q, "qualifier", QUALIFIER_PATTERN)
                .throwIfAny());
        return ref;
    }

    /** The config a request names, after checking the function and alias exist. */
    private StoredUrl existing(ApiRequest request, FunctionRef.Form form, String missingFunction) {
        qualifierViolations(request).throwIfAny();
        FunctionRef ref = ref(request, form);
        requireTarget(ref, missingFunction);
        return store.find(ref.name(), qualifier(ref)).orElseThrow(() -> new ResourceNotFoundException(NO_RESOURCE));
    }

    private void requireTarget(FunctionRef ref, String message) {
        boolean exists = registry.find(ref.name(), FunctionVersion.LATEST).isPresent()
                && ref.qualifier().map(alias -> registry.store().findAlias(ref.name(), alias).isPresent())
                .orElse(true);
        if (!exists) {
            throw new ResourceNotFoundException(message);
        }
    }

    private static String qualifier(FunctionRef ref) {
        return ref.qualifier().orElse(FunctionVersion.LATEST);
    }

    private ObjectNode render(StoredUrl url, String baseUrl, boolean lastModified, boolean invokeMode) {
        ObjectNode node = WireJson.object();
        node.put("FunctionUrl", FunctionUrls.url(url.urlId(), baseUrl));
        node.put("FunctionArn", url.qualifier().equals(FunctionVersion.LATEST)
                ? registry.partition().functionArn(url.functionName())
                : registry.partition().functionArn(url.functionName(), url.qualifier()));
        node.put("AuthType", url.authType());
        url.cors().ifPresent(c -> node.set("Cors", Cors.fromJson(c).toJson()));
        node.put("CreationTime", FunctionView.LAST_MODIFIED.format(Instant.ofEpochMilli(url.createdMs())));
        if (lastModified) {
            node.put("LastModifiedTime", FunctionView.LAST_MODIFIED.format(Instant.ofEpochMilli(url.lastModifiedMs())));
        }
        if (invokeMode) {
            node.put("InvokeMode", url.invokeMode());
        }
        return node;
    }
}
