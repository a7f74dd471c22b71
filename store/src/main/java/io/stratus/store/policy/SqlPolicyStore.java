package io.stratus.store.policy;

import io.stratus.store.sql.Database;
import io.stratus.store.sql.ReadCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@link PolicyStore} on the SQL database. Policies go with their function ({@code ON DELETE CASCADE}); the
 * function store removes a version's or alias's policy when it removes the qualifier.
 */
public final class SqlPolicyStore implements PolicyStore {

    private static final String EMPTY = "[]";

    private final Database db;

    /** Every trigger invocation asks the policy: served from memory until the database changes. */
    private final ReadCache<List<String>, Optional<StoredPolicy>> policyReads;

    public SqlPolicyStore(Database db) {
        this.db = db;
        this.policyReads = new ReadCache<>(db);
    }

    @Override
    public Optional<StoredPolicy> find(String functionName, String qualifier) {
        return policyReads.get(List.of(functionName, qualifier), () -> db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT revision_id, statements FROM function_policies"
                    + " WHERE function_name = ? AND qualifier = ?")) {
                st.setString(1, functionName);
                st.setString(2, qualifier);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredPolicy(rs.getString(1), rs.getString(2)))
                            : Optional.<StoredPolicy>empty();
                }
            }
        }));
    }

    @Override
    public boolean replace(String functionName, String qualifier, Optional<String> expectedRevision,
                           StoredPolicy updated) {
        return db.inTransaction(c -> {
            Optional<String> current = revision(c, functionName, qualifier);
            if (!current.equals(expectedRevision) || !functionExists(c, functionName)) {
                return false;
            }
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM function_policies WHERE function_name = ? AND qualifier = ?")) {
                delete.setString(1, functionName);
                delete.setString(2, qualifier);
                delete.executeUpdate();
            }
            if (!updated.statements().equals(EMPTY)) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO function_policies (function_name,"
                        + " qualifier, revision_id, statements) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, functionName);
                    insert.setString(2, qualifier);
                    insert.setString(3, updated.revisionId());
                    insert.setString(4, updated.statements());
                    insert.executeUpdate();
                }
            }
            return true;
        });
    }

    private static Optional<String> revision(java.sql.Connection c, String functionName, String qualifier)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT revision_id FROM function_policies WHERE function_name = ? AND qualifier = ?")) {
            st.setString(1, functionName);
            st.setString(2, qualifier);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean functionExists(java.sql.Connection c, String functionName) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM functions WHERE name = ?")) {
            st.setString(1, functionName);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
