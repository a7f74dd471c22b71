package io.stratus.store.layer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.model.function.CodeRef;
import io.stratus.model.layer.LayerPolicy;
import io.stratus.model.layer.LayerVersion;
import io.stratus.store.StoreException;
import io.stratus.store.sql.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * {@link LayerStore} in portable SQL (runs on SQLite and PostgreSQL); see the V4 migration. List members are
 * JSON arrays in text columns.
 */
public final class SqlLayerStore implements LayerStore {

    private static final String COLUMNS = "layer_name, version, description, license_info, compatible_runtimes,"
            + " compatible_architectures, code_sha256, code_size, created_ms";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Database db;
    private final ObjectMapper json = new ObjectMapper();

    public SqlLayerStore(Database db) {
        this.db = db;
    }

    @Override
    public LayerVersion publish(String layerName, LongFunction<LayerVersion> build) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO layers (name, latest_version) VALUES (?, 0)"
                    + " ON CONFLICT DO NOTHING")) {
                st.setString(1, layerName);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE layers SET latest_version = latest_version + 1 WHERE name = ?")) {
                st.setString(1, layerName);
                st.executeUpdate();
            }
            long number;
            try (PreparedStatement st = c.prepareStatement("SELECT latest_version FROM layers WHERE name = ?")) {
                st.setString(1, layerName);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    number = rs.getLong(1);
                }
            }
            LayerVersion version = build.apply(number);
            if (!version.layerName().equals(layerName) || version.version() != number) {
                throw new IllegalArgumentException("built " + version.layerName() + ":" + version.version()
                        + " for " + layerName + ":" + number);
            }
            insert(c, version);
            return version;
        });
    }

    private void insert(Connection c, LayerVersion v) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO layer_versions (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, v.layerName());
            st.setLong(2, v.version());
            st.setString(3, v.description());
            setOptional(st, 4, v.licenseInfo());
            setOptional(st, 5, v.compatibleRuntimes().map(this::write));
            setOptional(st, 6, v.compatibleArchitectures().map(this::write));
            st.setString(7, v.code().sha256Hex());
            st.setLong(8, v.code().sizeBytes());
            st.setLong(9, v.created().toEpochMilli());
            st.executeUpdate();
        }
    }

    private static void setOptional(PreparedStatement st, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            st.setString(index, value.get());
        } else {
            st.setNull(index, Types.VARCHAR);
        }
    }

    @Override
    public Optional<LayerVersion> find(String layerName, long version) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM layer_versions WHERE layer_name = ? AND version = ?")) {
                st.setString(1, layerName);
                st.setLong(2, version);
                return read(st).stream().findFirst();
            }
        });
    }

    @Override
    public List<LayerVersion> versions(String layerName) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM layer_versions WHERE layer_name = ? ORDER BY version DESC")) {
                st.setString(1, layerName);
                return read(st);
            }
        });
    }

    @Override
    public List<LayerVersion> all() {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM layer_versions ORDER BY layer_name, version DESC")) {
                return read(st);
            }
        });
    }

    @Override
    public Optional<LayerVersion> delete(String layerName, long version) {
        return db.inTransaction(c -> {
            Optional<LayerVersion> found;
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM layer_versions WHERE layer_name = ? AND version = ?")) {
                st.setString(1, layerName);
                st.setLong(2, version);
                found = read(st).stream().findFirst();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM layer_versions WHERE layer_name = ? AND version = ?")) {
                st.setString(1, layerName);
                st.setLong(2, version);
                st.executeUpdate();
            }
            return found;
        });
    }

    @Override
    public Optional<LayerPolicy> policy(String layerName, long version) {
        return db.inTransaction(c -> readPolicy(c, layerName, version).flatMap(p -> p));
    }

    /** Empty when the version does not exist; otherwise its policy, empty when it has none. */
    private Optional<Optional<LayerPolicy>> readPolicy(Connection c, String layerName, long version)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT policy, policy_revision_id FROM layer_versions"
                + " WHERE layer_name = ? AND version = ?")) {
            st.setString(1, layerName);
            st.setLong(2, version);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String statements = rs.getString(1);
                return Optional.of(statements == null ? Optional.empty()
                        : Optional.of(new LayerPolicy(read(statements), rs.getString(2))));
            }
        }
    }

    @Override
    public boolean replacePolicy(String layerName, long version, Optional<String> expectedRevisionId,
                                 LayerPolicy policy) {
        return db.inTransaction(c -> {
            Optional<Optional<LayerPolicy>> current = readPolicy(c, layerName, version);
            if (current.isEmpty()
                    || !current.get().map(LayerPolicy::revisionId).equals(expectedRevisionId)) {
                return false;
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE layer_versions SET policy = ?,"
                    + " policy_revision_id = ? WHERE layer_name = ? AND version = ?")) {
                boolean none = policy.statements().isEmpty();
                setOptional(st, 1, none ? Optional.empty() : Optional.of(write(policy.statements())));
                setOptional(st, 2, none ? Optional.empty() : Optional.of(policy.revisionId()));
                st.setString(3, layerName);
                st.setLong(4, version);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Set<String> referencedCode() {
        return db.inTransaction(c -> {
            Set<String> hashes = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT code_sha256 FROM layer_versions");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            return hashes;
        });
    }

    @Override
    public boolean referencesCode(String sha256Hex) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT 1 FROM layer_versions WHERE code_sha256 = ? LIMIT 1")) {
                st.setString(1, sha256Hex);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public long totalCodeBytes() {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COALESCE(SUM(code_size), 0) FROM layer_versions");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private List<LayerVersion> read(PreparedStatement st) throws SQLException {
        List<LayerVersion> versions = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                versions.add(new LayerVersion(rs.getString(1), rs.getLong(2), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)).map(this::read),
                        Optional.ofNullable(rs.getString(6)).map(this::read),
                        new CodeRef(rs.getString(7), rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9))));
            }
        }
        return versions;
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialize a list of " + values.size() + " strings", e);
        }
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read a stored list", e);
        }
    }
}
