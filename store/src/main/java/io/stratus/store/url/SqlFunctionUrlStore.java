package io.stratus.store.url;

import io.stratus.store.sql.Database;
import io.stratus.store.sql.ReadCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Function URL configs in the SQL database (table {@code function_urls}). */
public final class SqlFunctionUrlStore implements FunctionUrlStore {

    private static final String COLUMNS = "url_id, function_name, qualifier, auth_type, cors, invoke_mode,"
            + " created_ms, last_modified_ms";

    private final Database db;

    /** Every request to a function URL looks its config up: served from memory until the database changes. */
    private final ReadCache<String, Optional<StoredUrl>> urlReads;

    public SqlFunctionUrlStore(Database db) {
        this.db = db;
        this.urlReads = new ReadCache<>(db);
    }

    @Override
    public boolean insert(StoredUrl url) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO function_urls (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (function_name, qualifier) DO NOTHING")) {
                st.setString(1, url.urlId());
                st.setString(2, url.functionName());
                st.setString(3, url.qualifier());
                st.setString(4, url.authType());
                st.setString(5, url.cors().orElse(null));
                st.setString(6, url.invokeMode());
                st.setLong(7, url.createdMs());
                st.setLong(8, url.lastModifiedMs());
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean update(StoredUrl url) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE function_urls SET auth_type = ?, cors = ?,"
                    + " invoke_mode = ?, last_modified_ms = ? WHERE url_id = ?")) {
                st.setString(1, url.authType());
                st.setString(2, url.cors().orElse(null));
                st.setString(3, url.invokeMode());
                st.setLong(4, url.lastModifiedMs());
                st.setString(5, url.urlId());
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<StoredUrl> find(String functionName, String qualifier) {
        return first("SELECT " + COLUMNS + " FROM function_urls WHERE function_name = ? AND qualifier = ?",
                functionName, qualifier);
    }

    @Override
    public Optional<StoredUrl> byUrlId(String urlId) {
        return urlReads.get(urlId, () -> first("SELECT " + COLUMNS + " FROM function_urls WHERE url_id = ?", urlId));
    }

    @Override
    public boolean delete(String functionName, String qualifier) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM function_urls WHERE function_name = ? AND qualifier = ?")) {
                st.setString(1, functionName);
                st.setString(2, qualifier);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<StoredUrl> list(String functionName, Optional<String> after, int limit) {
        return db.inTransaction(c -> {
            String sql = "SELECT " + COLUMNS + " FROM function_urls WHERE function_name = ?"
                    + (after.isPresent() ? " AND (created_ms, url_id) > (SELECT created_ms, url_id FROM function_urls"
                    + " WHERE url_id = ?)" : "") + " ORDER BY created_ms, url_id LIMIT ?";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                st.setString(i++, functionName);
                if (after.isPresent()) {
                    st.setString(i++, after.get());
                }
                st.setInt(i, limit);
                return all(st);
            }
        });
    }

    private Optional<StoredUrl> first(String sql, String... keys) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < keys.length; i++) {
                    st.setString(i + 1, keys[i]);
                }
                return all(st).stream().findFirst();
            }
        });
    }

    private static List<StoredUrl> all(PreparedStatement st) throws SQLException {
        List<StoredUrl> found = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                found.add(new StoredUrl(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getLong(8)));
            }
        }
        return found;
    }
}
