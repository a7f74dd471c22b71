package io.stratus.store.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.stratus.model.function.CodeRef;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.model.function.FunctionVersion;
import io.stratus.store.StoreException;
import io.stratus.store.sql.Database;
import io.stratus.store.sql.ReadCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * {@link FunctionStore} in portable SQL (runs on SQLite and PostgreSQL). Configuration and lifecycle fields are
 * stored as JSON documents; see the V1 migration.
 */
public final class SqlFunctionStore implements FunctionStore {

    private static final String COLUMNS = "function_name, version, config, code_sha256, code_size, revision_id,"
            + " last_modified_ms, state";
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() { };

    private final Database db;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Every invocation looks up its version (and alias): served from memory until the database changes. */
    private final ReadCache<List<String>, Optional<FunctionRecord>> versionReads;
    private final ReadCache<List<String>, Optional<io.stratus.model.function.AliasRecord>> aliasReads;

    public SqlFunctionStore(Database db) {
        this.db = db;
        this.versionReads = new ReadCache<>(db);
        this.aliasReads = new ReadCache<>(db);
    }

    @Override
    public boolean create(FunctionRecord latest, Map<String, String> tags) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO functions (name, created_ms, tags) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, latest.name());
                st.setLong(2, latest.lastModified().toEpochMilli());
                st.setString(3, write(new TreeMap<>(tags)));
                if (st.executeUpdate() == 0) {
                    return false;
                }
            }
            insertVersion(c, latest);
            return true;
        });
    }

    private void insertVersion(Connection c, FunctionRecord r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO function_versions (" + COLUMNS
                + ", preparing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(st, r);
            st.setInt(9, r.state().preparing() ? 1 : 0);
            st.executeUpdate();
        }
    }

    private void bind(PreparedStatement st, FunctionRecord r) throws SQLException {
        st.setString(1, r.name());
        st.setString(2, r.version());
        st.setString(3, write(r.config()));
        st.setString(4, r.code().sha256Hex());
        st.setLong(5, r.code().sizeBytes());
        st.setString(6, r.revisionId());
        st.setLong(7, r.lastModified().toEpochMilli());
        st.setString(8, write(r.state()));
    }

    @Override
    public Optional<FunctionRecord> find(String name, String version) {
        return versionReads.get(List.of(name, version), () -> db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM function_versions WHERE function_name = ? AND version = ?")) {
                st.setString(1, name);
                st.setString(2, version);
                List<FunctionRecord> found = read(st);
                return found.stream().findFirst();
            }
        }));
    }

    @Override
    public boolean replace(FunctionRecord updated, String expectedRevisionId) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE function_versions SET config = ?,"
                    + " code_sha256 = ?, code_size = ?, revision_id = ?, last_modified_ms = ?, state = ?,"
                    + " preparing = ? WHERE function_name = ? AND version = ? AND revision_id = ?")) {
                st.setString(1, write(updated.config()));
                st.setString(2, updated.code().sha256Hex());
                st.setLong(3, updated.code().sizeBytes());
                st.setString(4, updated.revisionId());
                st.setLong(5, updated.lastModified().toEpochMilli());
                st.setString(6, write(updated.state()));
                st.setInt(7, updated.state().preparing() ? 1 : 0);
                st.setString(8, updated.name());
                st.setString(9, updated.version());
                st.setString(10, expectedRevisionId);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Set<String>> delete(String name) {
        return db.inTransaction(c -> {
            Set<String> hashes = new HashSet<>();
            try (PreparedStatement used = c.prepareStatement(
                    "SELECT DISTINCT code_sha256 FROM function_versions WHERE function_name = ?")) {
                used.setString(1, name);
                try (ResultSet rs = used.executeQuery()) {
                    while (rs.next()) {
                        hashes.add(rs.getString(1));
                    }
                }
            }
            for (String table : List.of("aliases", "provisioned_concurrency")) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE function_name = ?")) {
                    st.setString(1, name);
                    st.executeUpdate();
                }
            }
            try (PreparedStatement versions = c.prepareStatement(
                    "DELETE FROM function_versions WHERE function_name = ?");
                 PreparedStatement function = c.prepareStatement("DELETE FROM functions WHERE name = ?")) {
                versions.setString(1, name);
                versions.executeUpdate();
                function.setString(1, name);
                return function.executeUpdate() == 1 ? Optional.of(Set.copyOf(hashes)) : Optional.empty();
            }
        });
    }

    @Override
    public List<FunctionRecord> listLatest(Optional<String> afterName, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM function_versions"
                    + " WHERE version = ? AND function_name > ? ORDER BY function_name LIMIT ?")) {
                st.setString(1, FunctionVersion.LATEST);
                st.setString(2, afterName.orElse(""));
                st.setInt(3, limit);
                return read(st);
            }
        });
    }

    @Override
    public Optional<Map<String, String>> tags(String name) {
        return db.inTransaction(c -> readTags(c, name));
    }

    private Optional<Map<String, String>> readTags(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT tags FROM functions WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1), TAGS)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Map<String, String>> changeTags(String name, UnaryOperator<Map<String, String>> change,
                                                    String newLatestRevisionId) {
        return db.inTransaction(c -> {
            Optional<Map<String, String>> current = readTags(c, name);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> next = new TreeMap<>(change.apply(new TreeMap<>(current.get())));
            try (PreparedStatement st = c.prepareStatement("UPDATE functions SET tags = ? WHERE name = ?")) {
                st.setString(1, write(next));
                st.setString(2, name);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE function_versions SET revision_id = ?"
                    + " WHERE function_name = ? AND version = ?")) {
                st.setString(1, newLatestRevisionId);
                st.setString(2, name);
                st.setString(3, FunctionVersion.LATEST);
                st.executeUpdate();
            }
            return Optional.of(Map.copyOf(next));
        });
    }

    @Override
    public List<FunctionRecord> preparing() {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM function_versions WHERE preparing = 1")) {
                return read(st);
            }
        });
    }

    @Override
    public Set<String> referencedCode() {
        return db.inTransaction(c -> {
            Set<String> hashes = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT code_sha256 FROM function_versions");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            // Layer packages a version uses are held in its configuration (they outlive deleted layer versions).
            try (PreparedStatement st = c.prepareStatement("SELECT config FROM function_versions"
                    + " WHERE config LIKE '%\"sha256Hex\"%'");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    read(rs.getString(1), FunctionConfig.class).layers()
                            .forEach(l -> hashes.add(l.code().sha256Hex()));
                }
            }
            return hashes;
        });
    }

    @Override
    public boolean referencesCode(String sha256Hex) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT 1 FROM function_versions WHERE code_sha256 = ? OR config LIKE ? LIMIT 1")) {
                st.setString(1, sha256Hex);
                // A layer package a version uses (see referencedCode); the hex digest cannot match anything else.
                st.setString(2, "%\"sha256Hex\":\"" + sha256Hex + "\"%");
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public Usage usage() {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT (SELECT COUNT(*) FROM functions),"
                    + " (SELECT COALESCE(SUM(code_size), 0) FROM function_versions)");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    private List<FunctionRecord> read(PreparedStatement st) throws SQLException {
        List<FunctionRecord> records = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                records.add(new FunctionRecord(rs.getString(1), rs.getString(2),
                        read(rs.getString(3), FunctionConfig.class),
                        new CodeRef(rs.getString(4), rs.getLong(5)), rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7)), read(rs.getString(8), FunctionState.class)));
            }
        }
        return records;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read stored " + type.getSimpleName(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read stored tags", e);
        }
    }

    @Override
    public Reservation reserveConcurrency(String name, java.util.OptionalInt reserved, int accountLimit,
                                          int minUnreserved) {
        return db.inTransaction(c -> {
            long others = 0;
            boolean exists = false;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT name, reserved_concurrency FROM functions WHERE reserved_concurrency IS NOT NULL"
                            + " OR name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals(name)) {
                            exists = true;
                        } else {
                            others += rs.getLong(2);
                        }
                    }
                }
            }
            if (!exists) {
                return Reservation.NO_SUCH_FUNCTION;
            }
            if (reserved.isPresent() && accountLimit - others - reserved.getAsInt() < minUnreserved) {
                return Reservation.BELOW_MINIMUM;
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE functions SET reserved_concurrency = ? WHERE name = ?")) {
                if (reserved.isPresent()) {
                    st.setInt(1, reserved.getAsInt());
                } else {
                    st.setNull(1, java.sql.Types.INTEGER);
                }
                st.setString(2, name);
                st.executeUpdate();
            }
            return Reservation.DONE;
        });
    }

    @Override
    public Map<String, Integer> reservedConcurrency() {
        return db.inTransaction(c -> {
            Map<String, Integer> reserved = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT name, reserved_concurrency FROM functions WHERE reserved_concurrency IS NOT NULL");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reserved.put(rs.getString(1), rs.getInt(2));
                }
            }
            return reserved;
        });
    }

    /** Orders versions within a function: $LATEST first, then published versions by number. */
    private static final String VERSION_ORDER =
            "CASE WHEN version = '" + FunctionVersion.LATEST + "' THEN -1 ELSE CAST(version AS INTEGER) END";

    @Override
    public Optional<FunctionRecord> publish(String name, String latestRevisionId,
                                            java.util.function.IntFunction<FunctionRecord> versionOf) {
        return db.inTransaction(c -> {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM function_versions"
                    + " WHERE function_name = ? AND version = ? AND revision_id = ?")) {
                check.setString(1, name);
                check.setString(2, FunctionVersion.LATEST);
                check.setString(3, latestRevisionId);
                try (ResultSet rs = check.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<FunctionRecord>empty();
                    }
                }
            }
            int number;
            try (PreparedStatement next = c.prepareStatement(
                    "UPDATE functions SET last_version = last_version + 1 WHERE name = ? RETURNING last_version")) {
                next.setString(1, name);
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    number = rs.getInt(1);
                }
            }
            FunctionRecord version = versionOf.apply(number);
            insertVersion(c, version);
            return Optional.of(version);
        });
    }

    @Override
    public Optional<FunctionRecord> latestPublished(String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM function_versions"
                    + " WHERE function_name = ? AND version <> ? ORDER BY CAST(version AS INTEGER) DESC LIMIT 1")) {
                st.setString(1, name);
                st.setString(2, FunctionVersion.LATEST);
                return read(st).stream().findFirst();
            }
        });
    }

    @Override
    public List<FunctionRecord> versions(String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM function_versions"
                    + " WHERE function_name = ? ORDER BY " + VERSION_ORDER)) {
                st.setString(1, name);
                return read(st);
            }
        });
    }

    @Override
    public List<FunctionRecord> listAllVersions(Optional<Map.Entry<String, String>> after, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM function_versions"
                    + " WHERE function_name > ? OR (function_name = ? AND " + VERSION_ORDER + " > ?)"
                    + " ORDER BY function_name, " + VERSION_ORDER + " LIMIT ?")) {
                String afterName = after.map(Map.Entry::getKey).orElse("");
                st.setString(1, afterName);
                st.setString(2, afterName);
                st.setLong(3, after.map(Map.Entry::getValue).map(v -> v.equals(FunctionVersion.LATEST) ? -1L
                        : Long.parseLong(v)).orElse(Long.MAX_VALUE));
                st.setInt(4, limit);
                return read(st);
            }
        });
    }

    @Override
    public Optional<String> deleteVersion(String name, String version) {
        return db.inTransaction(c -> {
            Optional<String> code = Optional.empty();
            try (PreparedStatement st = c.prepareStatement("SELECT code_sha256 FROM function_versions"
                    + " WHERE function_name = ? AND version = ?")) {
                st.setString(1, name);
                st.setString(2, version);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        code = Optional.of(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM function_versions WHERE function_name = ? AND version = ?")) {
                st.setString(1, name);
                st.setString(2, version);
                st.executeUpdate();
            }
            dropQualifierState(c, name, version);
            return code;
        });
    }

    @Override
    public boolean createAlias(io.stratus.model.function.AliasRecord alias) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO aliases (function_name, name,"
                    + " function_version, description, weights, revision_id) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
                bindAlias(st, alias);
                return st.executeUpdate() == 1;
            }
        });
    }

    private void bindAlias(PreparedStatement st, io.stratus.model.function.AliasRecord alias) throws SQLException {
        st.setString(1, alias.functionName());
        st.setString(2, alias.name());
        st.setString(3, alias.functionVersion());
        st.setString(4, alias.description());
        st.setString(5, write(alias.weights()));
        st.setString(6, alias.revisionId());
    }

    @Override
    public Optional<io.stratus.model.function.AliasRecord> findAlias(String functionName, String name) {
        return aliasReads.get(List.of(functionName, name), () -> db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT function_name, name, function_version,"
                    + " description, weights, revision_id FROM aliases WHERE function_name = ? AND name = ?")) {
                st.setString(1, functionName);
                st.setString(2, name);
                return readAliases(st).stream().findFirst();
            }
        }));
    }

    @Override
    public boolean replaceAlias(io.stratus.model.function.AliasRecord alias, String expectedRevisionId) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE aliases SET function_name = ?, name = ?,"
                    + " function_version = ?, description = ?, weights = ?, revision_id = ?"
                    + " WHERE function_name = ? AND name = ? AND revision_id = ?")) {
                bindAlias(st, alias);
                st.setString(7, alias.functionName());
                st.setString(8, alias.name());
                st.setString(9, expectedRevisionId);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean deleteAlias(String functionName, String name) {
        return db.inTransaction(c -> {
            dropQualifierState(c, functionName, name);
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM aliases WHERE function_name = ? AND name = ?")) {
                st.setString(1, functionName);
                st.setString(2, name);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** What belongs to one version or alias and goes with it (the function's own rows cascade). */
    private static void dropQualifierState(java.sql.Connection c, String functionName, String qualifier)
            throws SQLException {
        for (String table : new String[] {"function_policies", "function_urls"}) {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE function_name = ? AND qualifier = ?")) {
                st.setString(1, functionName);
                st.setString(2, qualifier);
                st.executeUpdate();
            }
        }
    }

    @Override
    public List<io.stratus.model.function.AliasRecord> aliases(String functionName) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT function_name, name, function_version,"
                    + " description, weights, revision_id FROM aliases WHERE function_name = ? ORDER BY name")) {
                st.setString(1, functionName);
                return readAliases(st);
            }
        });
    }

    private List<io.stratus.model.function.AliasRecord> readAliases(PreparedStatement st) throws SQLException {
        List<io.stratus.model.function.AliasRecord> found = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                found.add(new io.stratus.model.function.AliasRecord(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), read(rs.getString(5), new TypeReference<Map<String, Double>>() {
                        }), rs.getString(6)));
            }
        }
        return found;
    }

    @Override
    public void putProvisioned(Provisioned config) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO provisioned_concurrency (function_name,"
                    + " qualifier, requested, last_modified_ms) VALUES (?, ?, ?, ?) ON CONFLICT (function_name,"
                    + " qualifier) DO UPDATE SET requested = excluded.requested,"
                    + " last_modified_ms = excluded.last_modified_ms")) {
                st.setString(1, config.functionName());
                st.setString(2, config.qualifier());
                st.setInt(3, config.requested());
                st.setLong(4, config.lastModified().toEpochMilli());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean deleteProvisioned(String functionName, String qualifier) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ?")) {
                st.setString(1, functionName);
                st.setString(2, qualifier);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Provisioned> provisioned(Optional<String> functionName) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT function_name, qualifier, requested,"
                    + " last_modified_ms FROM provisioned_concurrency WHERE ? IS NULL OR function_name = ?"
                    + " ORDER BY function_name, qualifier")) {
                st.setString(1, functionName.orElse(null));
                st.setString(2, functionName.orElse(null));
                List<Provisioned> found = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Provisioned(rs.getString(1), rs.getString(2), rs.getInt(3),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
                return found;
            }
        });
    }
}
