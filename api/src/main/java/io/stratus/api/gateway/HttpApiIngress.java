package io.stratus.api.gateway;

import io.stratus.api.Ingress;
import io.stratus.api.Paths;
import io.stratus.api.http.BodyTooLargeException;
import io.stratus.api.http.HttpAnswer;
import io.stratus.api.http.HttpExchange;
import io.stratus.api.lambda.FunctionInvoker;
import io.stratus.model.function.Partition;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiStage;
import io.stratus.model.gateway.DeploymentSnapshot;
import io.stratus.model.gateway.HttpApi;
import io.stratus.store.gateway.HttpApiStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP-API data plane: finds the API, the stage (a named stage's prefix wins when the first path segment is its
 * name; otherwise {@code $default}, without prefix), the route and its integration, then lets
 * {@link LambdaProxy} invoke the function. Every answer carries {@code apigw-requestid}, the same id the function
 * sees as {@code requestContext.requestId}. A stage serves the snapshot of its deployment, read from the store on
 * each request, or nothing (404) before it has one. The exception is an {@code autoDeploy} stage without a
 * deployment: its API had no routes when it was created, or it was stored before deployments were modelled, and it
 * serves the API as it is, which is what its first automatic deployment will hold.
 */
public final class HttpApiIngress implements Ingress {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiIngress.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpApiStore store;
    private final InstantSource clock;
    private final LambdaProxy proxy;

    public HttpApiIngress(Partition partition, HttpApiStore store, FunctionInvoker invoker, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.proxy = new LambdaProxy(partition, invoker);
    }

    @Override
    public void serve(Request request, Response response, Callback callback, String apiId, String rawPath) {
        String requestId = requestId();
        CompletableFuture<HttpAnswer> answer;
        try {
            answer = answer(HttpExchange.read(request, rawPath, clock), apiId, requestId);
        } catch (BodyTooLargeException e) {
            answer = CompletableFuture.completedFuture(GatewayAnswers.tooLarge());
        } catch (IOException e) {
            callback.failed(e);
            return;
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((ok, failure) -> {
            HttpAnswer written = ok;
            if (failure != null) {
                LOG.error("apigw-requestid={} apiId={} failed", requestId, apiId, failure);
                written = GatewayAnswers.internalError();
            }
            written.withHeader("apigw-requestid", requestId).writeTo(response, callback);
        });
    }

    /** API Gateway's request ids are 16 base64 characters. */
    private static String requestId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private CompletableFuture<HttpAnswer> answer(HttpExchange exchange, String apiId, String requestId) {
        Optional<HttpApi> api = store.api(apiId);
        List<String> segments;
        try {
            segments = Paths.segments(exchange.rawPath());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(GatewayAnswers.notFound());
        }
        if (api.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayAnswers.notFound());
        }
        Optional<ApiStage> stage = stage(apiId, segments);
        if (stage.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayAnswers.notFound());
        }
        Optional<DeploymentSnapshot> served = served(stage.get());
        if (served.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayAnswers.notFound());
        }
        List<String> routePath = stage.get().stageName().equals(ApiStage.DEFAULT_STAGE) ? segments
                : segments.subList(1, segments.size());
        Optional<RouteMatcher.Match> match = RouteMatcher.match(served.get().routes(), exchange.method(), routePath);
        Optional<ApiIntegration> integration = match.flatMap(m -> m.route().integrationId())
                .flatMap(served.get()::integration);
        if (integration.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayAnswers.notFound());
        }
        return proxy.start(exchange, new LambdaProxy.Call(apiId, stage.get(), match.get(), integration.get(),
                requestId));
    }

    private Optional<DeploymentSnapshot> served(ApiStage stage) {
        if (stage.deploymentId().isEmpty() && stage.autoDeploy()) {
            return Optional.of(new DeploymentSnapshot(store.routes(stage.apiId()), store.integrations(stage.apiId())));
        }
        return stage.deploymentId().flatMap(id -> store.snapshot(stage.apiId(), id));
    }

    private Optional<ApiStage> stage(String apiId, List<String> segments) {
        List<ApiStage> stages = store.stages(apiId);
        if (!segments.isEmpty()) {
            for (ApiStage s : stages) {
                if (!s.stageName().equals(ApiStage.DEFAULT_STAGE) && s.stageName().equals(segments.get(0))) {
                    return Optional.of(s);
                }
            }
        }
        return stages.stream().filter(s -> s.stageName().equals(ApiStage.DEFAULT_STAGE)).findFirst();
    }
}
