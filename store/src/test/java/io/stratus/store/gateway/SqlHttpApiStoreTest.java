package io.stratus.store.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import io.stratus.model.gateway.ApiStage;
import io.stratus.model.gateway.DeploymentSnapshot;
import io.stratus.model.gateway.HttpApi;
import io.stratus.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlHttpApiStoreTest {

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private SqlHttpApiStore store;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        store = new SqlHttpApiStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static HttpApi api(String id) {
        return new HttpApi(id, "name-" + id, Optional.of("d"), HttpApi.DEFAULT_ROUTE_SELECTION, Optional.empty(), false,
                Map.of("t", "v"), 1_000);
    }

    private static ApiRoute route(String apiId, String routeId, String key) {
        return new ApiRoute(apiId, routeId, key, Optional.of("integrations/i1"), "NONE", false, Optional.empty(),
                false);
    }

    @Test
    void roundTripsEveryResource() {
        ApiIntegration integration = new ApiIntegration("a1", "i1", ApiIntegration.AWS_PROXY,
                Optional.of("arn:aws:lambda:us-east-1:000000000000:function:f"), Optional.of("POST"), "1.0", 500,
                Optional.empty(), "INTERNET", true);
        ApiStage stage = new ApiStage("a1", "$default", Optional.empty(), true, Optional.of("d1"),
                Map.of("k", "v"), 1, 2, true);
        store.createApi(api("a1"), List.of(integration), List.of(route("a1", "r1", "$default")), List.of(stage));

        assertThat(store.api("a1")).contains(api("a1"));
        assertThat(store.integration("a1", "i1")).contains(integration);
        assertThat(store.routes("a1")).containsExactly(route("a1", "r1", "$default"));
        assertThat(store.stage("a1", "$default")).contains(stage);
        assertThat(store.routes("a1").get(0).integrationId()).contains("i1");
    }

    @Test
    void routeKeysAreUniquePerApi() {
        store.createApi(api("a1"), List.of(), List.of(), List.of());
        store.createApi(api("a2"), List.of(), List.of(), List.of());

        assertThat(store.createRoute(route("a1", "r1", "GET /x"))).contains(true);
        assertThat(store.createRoute(route("a1", "r2", "GET /x"))).contains(false);
        assertThat(store.createRoute(route("a2", "r3", "GET /x"))).contains(true);
        assertThat(store.createRoute(route("gone", "r4", "GET /x"))).isEmpty();
        assertThat(store.createRoute(route("a1", "r5", "GET /y"))).contains(true);
        assertThat(store.updateRoute(route("a1", "r5", "GET /x"))).isFalse();
        assertThat(store.updateRoute(route("a1", "r5", "GET /z"))).isTrue();
        assertThat(store.route("a1", "r5").map(ApiRoute::routeKey)).contains("GET /z");
    }

    @Test
    void deletingAnApiDeletesItsParts() {
        ApiStage stage = new ApiStage("a1", "prod", Optional.empty(), false, Optional.empty(), Map.of(), 1, 1, false);
        store.createApi(api("a1"), List.of(), List.of(route("a1", "r1", "GET /x")), List.of(stage));
        assertThat(store.createStage(stage)).contains(false);

        assertThat(store.deleteApi("a1")).isTrue();
        assertThat(store.deleteApi("a1")).isFalse();
        assertThat(store.routes("a1")).isEmpty();
        assertThat(store.stages("a1")).isEmpty();
        store.createApi(api("a1"), List.of(), List.of(), List.of());
        assertThat(store.createRoute(route("a1", "r1", "GET /x"))).contains(true);
    }

    private static ApiDeployment deployment(String apiId, String deploymentId) {
        return new ApiDeployment(apiId, deploymentId, Optional.of("first"), false, 5);
    }

    @Test
    void deploymentSnapshotsTheRoutesOfThatMomentAndPointsTheStageAtIt() {
        ApiStage prod = new ApiStage("a1", "prod", Optional.empty(), false, Optional.empty(), Map.of(), 1, 1, false);
        store.createApi(api("a1"), List.of(), List.of(route("a1", "r1", "GET /x")), List.of(prod));

        assertThat(store.createDeployment(deployment("a1", "d1"), Optional.of("prod"))).isTrue();
        store.createRoute(route("a1", "r2", "GET /y"));

        assertThat(store.snapshot("a1", "d1")).contains(new DeploymentSnapshot(List.of(route("a1", "r1", "GET /x")),
                List.of()));
        assertThat(store.stage("a1", "prod").flatMap(ApiStage::deploymentId)).contains("d1");
        assertThat(store.deployment("a1", "d1")).contains(deployment("a1", "d1"));
        assertThat(store.createDeployment(deployment("a1", "d2"), Optional.empty())).isTrue();
        assertThat(store.deployments("a1")).extracting(ApiDeployment::deploymentId).containsExactly("d1", "d2");
        assertThat(store.createDeployment(deployment("a1", "d3"), Optional.of("missing"))).isFalse();
        assertThat(store.createDeployment(deployment("gone", "d4"), Optional.empty())).isFalse();
        assertThat(store.deployment("a1", "d3")).isEmpty();
    }

    @Test
    void aDeploymentAStageServesCannotBeDeleted() {
        ApiStage prod = new ApiStage("a1", "prod", Optional.empty(), false, Optional.empty(), Map.of(), 1, 1, false);
        store.createApi(api("a1"), List.of(), List.of(), List.of(prod));
        store.createDeployment(deployment("a1", "d1"), Optional.of("prod"));
        store.createDeployment(deployment("a1", "d2"), Optional.empty());

        assertThat(store.deleteDeployment("a1", "d1")).contains(false);
        assertThat(store.deleteDeployment("a1", "d2")).contains(true);
        assertThat(store.deleteDeployment("a1", "d2")).isEmpty();
        store.updateDeployment(deployment("a1", "d1").withDescription(Optional.of("second")));
        assertThat(store.deployment("a1", "d1").flatMap(ApiDeployment::description)).contains("second");

        assertThat(store.deleteApi("a1")).isTrue();
        assertThat(store.deployments("a1")).isEmpty();
    }

    @Test
    void aStageStoredBeforeDeploymentsReadsWithoutOne() {
        store.createApi(api("a1"), List.of(), List.of(), List.of());
        db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO http_api_stages (api_id, stage_name, doc)"
                + " VALUES ('a1', 'old', '{\"apiId\":\"a1\",\"stageName\":\"old\",\"description\":null,"
                + "\"autoDeploy\":false,\"stageVariables\":{},\"createdMs\":1,\"lastUpdatedMs\":1,"
                + "\"apiGatewayManaged\":false}')"));

        assertThat(store.stage("a1", "old").map(ApiStage::deploymentId)).contains(Optional.empty());
    }
}
