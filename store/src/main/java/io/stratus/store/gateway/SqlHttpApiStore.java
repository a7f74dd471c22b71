package io.stratus.store.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.stratus.model.gateway.ApiDeployment;
import io.stratus.model.gateway.ApiIntegration;
import io.stratus.model.gateway.ApiRoute;
import io.stratus.model.gateway.ApiStage;
import io.stratus.model.gateway.DeploymentSnapshot;
import io.stratus.model.gateway.HttpApi;
import io.stratus.store.StoreException;
import io.stratus.store.sql.Database;
import io.stratus.store.sql.ReadCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link HttpApiStore} in portable SQL; each resource is its record as a JSON document (see the V9 migration), and
 * a deployment's snapshot is one more document beside its record (V11).
 * Uniqueness of route keys and stage names is left to the database's constraints, checked inside the transaction
 * that writes, so two concurrent creates cannot both win.
 */
public final class SqlHttpApiStore implements HttpApiStore {

    private static final Part<ApiRoute> ROUTES = new Part<>("http_api_routes", "route_id", ApiRoute.class);
    private static final Part<ApiIntegration> INTEGRATIONS =
            new Part<>("http_api_integrations", "integration_id", ApiIntegration.class);
    private static final Part<ApiStage> STAGES = new Part<>("http_api_stages", "stage_name", ApiStage.class);
    private static final Part<ApiDeployment> DEPLOYMENTS =
            new Part<>("http_api_deployments", "deployment_id", ApiDeployment.class);

    private final Database db;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /*
     * What every request to an HTTP API reads (the API, its stages, the deployment a stage serves): served from
     * memory until the database changes, so requests neither queue for the connection nor re-parse documents.
     */
    private final ReadCache<String, Optional<HttpApi>> apiReads;
    private final ReadCache<String, List<ApiStage>> stageReads;
    private final ReadCache<List<String>, Optional<DeploymentSnapshot>> snapshotReads;

    public SqlHttpApiStore(Database db) {
        this.db = db;
        this.apiReads = new ReadCache<>(db);
        this.stageReads = new ReadCache<>(db);
        this.snapshotReads = new ReadCache<>(db);
    }

    /** One table of API parts: its name, key column and record type. */
    private record Part<T>(String table, String keyColumn, Class<T> type) {
    }

    @Override
    public void createApi(HttpApi api, List<ApiIntegration> integrations, List<ApiRoute> routes,
                          List<ApiStage> stages) {
        db.inTransaction(c -> {
            execute(c, "INSERT INTO http_apis (api_id, doc) VALUES (?, ?)", api.apiId(), write(api));
            for (ApiIntegration i : integrations) {
                insert(c, INTEGRATIONS, i.apiId(), i.integrationId(), i);
            }
            for (ApiRoute r : routes) {
                insertRoute(c, r);
            }
            for (ApiStage s : stages) {
                insert(c, STAGES, s.apiId(), s.stageName(), s);
            }
            return null;
        });
    }

    @Override
    public Optional<HttpApi> api(String apiId) {
        return apiReads.get(apiId, () -> db.inTransaction(c -> apiIn(c, apiId)));
    }

    private Optional<HttpApi> apiIn(Connection c, String apiId) throws SQLException {
        List<HttpApi> found = query(c, "SELECT doc FROM http_apis WHERE api_id = ?", HttpApi.class, apiId);
        return found.stream().findFirst();
    }

    @Override
    public List<HttpApi> apis() {
        return db.inTransaction(c -> query(c, "SELECT doc FROM http_apis ORDER BY rowid", HttpApi.class));
    }

    @Override
    public boolean updateApi(HttpApi api) {
        return db.inTransaction(c -> execute(c, "UPDATE http_apis SET doc = ? WHERE api_id = ?", write(api),
                api.apiId()) > 0);
    }

    @Override
    public boolean deleteApi(String apiId) {
        return db.inTransaction(c -> execute(c, "DELETE FROM http_apis WHERE api_id = ?", apiId) > 0);
    }

    @Override
    public Optional<Boolean> createRoute(ApiRoute route) {
        return db.inTransaction(c -> {
            if (apiIn(c, route.apiId()).isEmpty()) {
                return Optional.empty();
            }
            if (routeKeyTaken(c, route)) {
                return Optional.of(false);
            }
            insertRoute(c, route);
            return Optional.of(true);
        });
    }

    @Override
    public boolean updateRoute(ApiRoute route) {
        return db.inTransaction(c -> {
            if (routeKeyTaken(c, route)) {
                return false;
            }
            execute(c, "UPDATE http_api_routes SET route_key = ?, doc = ? WHERE api_id = ? AND route_id = ?",
                    route.routeKey(), write(route), route.apiId(), route.routeId());
            return true;
        });
    }

    private static boolean routeKeyTaken(Connection c, ApiRoute route) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM http_api_routes WHERE api_id = ?"
                + " AND route_key = ? AND route_id <> ?")) {
            bind(st, route.apiId(), route.routeKey(), route.routeId());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertRoute(Connection c, ApiRoute r) throws SQLException {
        execute(c, "INSERT INTO http_api_routes (api_id, route_id, route_key, doc) VALUES (?, ?, ?, ?)",
                r.apiId(), r.routeId(), r.routeKey(), write(r));
    }

    @Override
    public Optional<ApiRoute> route(String apiId, String routeId) {
        return one(ROUTES, apiId, routeId);
    }

    @Override
    public List<ApiRoute> routes(String apiId) {
        return all(ROUTES, apiId);
    }

    @Override
    public boolean deleteRoute(String apiId, String routeId) {
        return delete(ROUTES, apiId, routeId);
    }

    @Override
    public boolean createIntegration(ApiIntegration integration) {
        return db.inTransaction(c -> {
            if (apiIn(c, integration.apiId()).isEmpty()) {
                return false;
            }
            insert(c, INTEGRATIONS, integration.apiId(), integration.integrationId(), integration);
            return true;
        });
    }

    @Override
    public void updateIntegration(ApiIntegration integration) {
        update(INTEGRATIONS, integration.apiId(), integration.integrationId(), integration);
    }

    @Override
    public Optional<ApiIntegration> integration(String apiId, String integrationId) {
        return one(INTEGRATIONS, apiId, integrationId);
    }

    @Override
    public List<ApiIntegration> integrations(String apiId) {
        return all(INTEGRATIONS, apiId);
    }

    @Override
    public boolean deleteIntegration(String apiId, String integrationId) {
        return delete(INTEGRATIONS, apiId, integrationId);
    }

    @Override
    public Optional<Boolean> createStage(ApiStage stage) {
        return db.inTransaction(c -> {
            if (apiIn(c, stage.apiId()).isEmpty()) {
                return Optional.empty();
            }
            if (oneIn(c, STAGES, stage.apiId(), stage.stageName()).isPresent()) {
                return Optional.of(false);
            }
            insert(c, STAGES, stage.apiId(), stage.stageName(), stage);
            return Optional.of(true);
        });
    }

    @Override
    public void updateStage(ApiStage stage) {
        update(STAGES, stage.apiId(), stage.stageName(), stage);
    }

    @Override
    public Optional<ApiStage> stage(String apiId, String stageName) {
        return one(STAGES, apiId, stageName);
    }

    @Override
    public List<ApiStage> stages(String apiId) {
        return stageReads.get(apiId, () -> List.copyOf(all(STAGES, apiId)));
    }

    @Override
    public boolean deleteStage(String apiId, String stageName) {
        return delete(STAGES, apiId, stageName);
    }

    @Override
    public boolean createDeployment(ApiDeployment deployment, Optional<String> stageName) {
        String apiId = deployment.apiId();
        return db.inTransaction(c -> {
            if (apiIn(c, apiId).isEmpty()) {
                return false;
            }
            Optional<ApiStage> stage = Optional.empty();
            if (stageName.isPresent()) {
                stage = oneIn(c, STAGES, apiId, stageName.get());
                if (stage.isEmpty()) {
                    return false;
                }
            }
            DeploymentSnapshot snapshot =
                    new DeploymentSnapshot(allIn(c, ROUTES, apiId), allIn(c, INTEGRATIONS, apiId));
            execute(c, "INSERT INTO http_api_deployments (api_id, deployment_id, doc, snapshot) VALUES (?, ?, ?, ?)",
                    apiId, deployment.deploymentId(), write(deployment), write(snapshot));
            if (stage.isPresent()) {
                updateIn(c, STAGES, apiId, stage.get().stageName(), stage.get().withDeploymentId(
                        deployment.deploymentId()));
            }
            return true;
        });
    }

    @Override
    public Optional<ApiDeployment> deployment(String apiId, String deploymentId) {
        return one(DEPLOYMENTS, apiId, deploymentId);
    }

    @Override
    public List<ApiDeployment> deployments(String apiId) {
        return all(DEPLOYMENTS, apiId);
    }

    @Override
    public Optional<DeploymentSnapshot> snapshot(String apiId, String deploymentId) {
        return snapshotReads.get(List.of(apiId, deploymentId), () -> db.inTransaction(c -> query(c,
                "SELECT snapshot FROM http_api_deployments WHERE api_id = ? AND deployment_id = ?",
                DeploymentSnapshot.class, apiId, deploymentId)).stream().findFirst());
    }

    @Override
    public void updateDeployment(ApiDeployment deployment) {
        update(DEPLOYMENTS, deployment.apiId(), deployment.deploymentId(), deployment);
    }

    @Override
    public Optional<Boolean> deleteDeployment(String apiId, String deploymentId) {
        return db.inTransaction(c -> {
            if (oneIn(c, DEPLOYMENTS, apiId, deploymentId).isEmpty()) {
                return Optional.empty();
            }
            boolean served = allIn(c, STAGES, apiId).stream()
                    .anyMatch(stage -> stage.deploymentId().filter(deploymentId::equals).isPresent());
            if (served) {
                return Optional.of(false);
            }
            execute(c, "DELETE FROM http_api_deployments WHERE api_id = ? AND deployment_id = ?", apiId,
                    deploymentId);
            return Optional.of(true);
        });
    }

    private <T> void insert(Connection c, Part<T> part, String apiId, String key, T value) throws SQLException {
        execute(c, "INSERT INTO " + part.table() + " (api_id, " + part.keyColumn() + ", doc) VALUES (?, ?, ?)",
                apiId, key, write(value));
    }

    private <T> void update(Part<T> part, String apiId, String key, T value) {
        db.inTransaction(c -> updateIn(c, part, apiId, key, value));
    }

    private <T> int updateIn(Connection c, Part<T> part, String apiId, String key, T value) throws SQLException {
        return execute(c, "UPDATE " + part.table() + " SET doc = ? WHERE api_id = ? AND " + part.keyColumn()
                + " = ?", write(value), apiId, key);
    }

    private <T> Optional<T> one(Part<T> part, String apiId, String key) {
        return db.inTransaction(c -> oneIn(c, part, apiId, key));
    }

    private <T> Optional<T> oneIn(Connection c, Part<T> part, String apiId, String key) throws SQLException {
        return query(c, "SELECT doc FROM " + part.table() + " WHERE api_id = ? AND " + part.keyColumn() + " = ?",
                part.type(), apiId, key).stream().findFirst();
    }

    private <T> List<T> all(Part<T> part, String apiId) {
        return db.inTransaction(c -> allIn(c, part, apiId));
    }

    private <T> List<T> allIn(Connection c, Part<T> part, String apiId) throws SQLException {
        return query(c, "SELECT doc FROM " + part.table() + " WHERE api_id = ? ORDER BY rowid", part.type(), apiId);
    }

    private <T> boolean delete(Part<T> part, String apiId, String key) {
        return db.inTransaction(c -> execute(c, "DELETE FROM " + part.table() + " WHERE api_id = ? AND "
                + part.keyColumn() + " = ?", apiId, key) > 0);
    }

    private <T> List<T> query(Connection c, String sql, Class<T> type, String... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs.getString(1), type));
                }
            }
            return out;
        }
    }

    private static int execute(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            return st.executeUpdate();
        }
    }

    private static void bind(PreparedStatement st, String... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setString(i + 1, args[i]);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String doc, Class<T> type) {
        try {
            return json.readValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read stored " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
