package io.stratus.api.gateway;

import io.stratus.api.Route;
import io.stratus.api.Router;
import io.stratus.model.error.InvalidRequestContentException;
import io.stratus.model.function.Partition;
import io.stratus.store.gateway.HttpApiStore;
import java.time.InstantSource;

/**
 * The API Gateway v2 control plane for HTTP APIs, REST-JSON under {@code /v2/apis}: APIs, routes, integrations,
 * stages and deployments. Errors are API Gateway's ({@code NotFoundException}, {@code BadRequestException},
 * {@code ConflictException}) with a {@code message} member.
 */
public final class HttpApiControlPlane {

    private static final String APIS = "/v2/apis";
    private static final String API = APIS + "/{apiId}";

    private final ApisOperations apis;
    private final RoutesOperations routes;
    private final IntegrationsOperations integrations;
    private final StagesOperations stages;
    private final DeploymentsOperations deployments;

    public HttpApiControlPlane(Partition partition, HttpApiStore store, InstantSource clock) {
        Gateway gateway = new Gateway(partition, store, clock);
        Deployer deployer = new Deployer(gateway);
        this.apis = new ApisOperations(gateway, deployer);
        this.routes = new RoutesOperations(gateway, deployer);
        this.integrations = new IntegrationsOperations(gateway, deployer);
        this.stages = new StagesOperations(gateway, deployer);
        this.deployments = new DeploymentsOperations(gateway, deployer);
    }

    /** Adds every operation to the router. */
    public void register(Router router) {
        add(router, "POST", APIS, "CreateApi", apis::create);
        add(router, "GET", APIS, "GetApis", apis::list);
        add(router, "GET", API, "GetApi", apis::get);
        add(router, "PATCH", API, "UpdateApi", apis::update);
        add(router, "DELETE", API, "DeleteApi", apis::delete);
        crud(router, "/routes", "{routeId}", "Route", routes::create, routes::list, routes::get, routes::update,
                routes::delete);
        crud(router, "/integrations", "{integrationId}", "Integration", integrations::create, integrations::list,
                integrations::get, integrations::update, integrations::delete);
        crud(router, "/stages", "{stageName}", "Stage", stages::create, stages::list, stages::get, stages::update,
                stages::delete);
        crud(router, "/deployments", "{deploymentId}", "Deployment", deployments::create, deployments::list,
                deployments::get, deployments::update, deployments::delete);
    }

    private static void crud(Router router, String collection, String id, String noun, Route.Operation create,
                             Route.Operation list, Route.Operation get, Route.Operation update,
                             Route.Operation delete) {
        String many = API + collection;
        String one = many + "/" + id;
        add(router, "POST", many, "Create" + noun, create);
        add(router, "GET", many, "Get" + noun + "s", list);
        add(router, "GET", one, "Get" + noun, get);
        add(router, "PATCH", one, "Update" + noun, update);
        add(router, "DELETE", one, "Delete" + noun, delete);
    }

    private static void add(Router router, String method, String path, String operation, Route.Operation op) {
        router.add(new Route(method, path, operation, Route.DEFAULT_MAX_BODY, request -> {
            try {
                return op.handle(request);
            } catch (InvalidRequestContentException e) {
                // malformed JSON or a wrongly typed member: API Gateway's type for it, same message
                throw GatewayErrors.badRequest(e.getMessage());
            }
        }));
    }
}
