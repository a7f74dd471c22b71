package io.stratus.store.async;

import io.stratus.store.sql.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AsyncQueue} on the SQL database (portable SQL, as the function store). */
public final class SqlAsyncQueue implements AsyncQueue {

    private final Database db;

    public SqlAsyncQueue(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(Event event) {
        db.inTransaction(c -> {
            insert(c, event);
            return null;
        });
    }

    /**
     * Stores an event inside a transaction another store runs, so that it is queued together with that store's own
     * change (a schedule's fire record) or not at all.
     */
    public static void insert(Connection c, Event event) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO async_events (id, function_name, qualifier,"
                + " payload, enqueued_ms, attempts, due_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, event.id());
            st.setString(2, event.functionName());
            st.setString(3, event.qualifier());
            st.setBytes(4, event.payload());
            st.setLong(5, event.enqueuedMs());
            st.setInt(6, event.attempts());
            st.setLong(7, event.enqueuedMs());
            st.executeUpdate();
        }
    }

    @Override
    public List<Event> claimDue(long nowMs, long leaseUntilMs, int limit) {
        return db.inTransaction(c -> {
            List<Event> due = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, function_name, qualifier, payload,"
                    + " enqueued_ms, attempts FROM async_events WHERE due_ms <= ? ORDER BY due_ms LIMIT ?")) {
                st.setLong(1, nowMs);
                st.setInt(2, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                                rs.getLong(5), rs.getInt(6)));
                    }
                }
            }
            try (PreparedStatement lease = c.prepareStatement(
                    "UPDATE async_events SET due_ms = ?, leased = 1 WHERE id = ?")) {
                for (Event e : due) {
                    lease.setLong(1, leaseUntilMs);
                    lease.setString(2, e.id());
                    lease.addBatch();
                }
                lease.executeBatch();
            }
            return due;
        });
    }

    @Override
    public void releaseLeases(long nowMs) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE async_events SET due_ms = ?, leased = 0 WHERE leased = 1")) {
                st.setLong(1, nowMs);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void reschedule(String id, int attempts, long dueMs) {
        reschedule(id, attempts, dueMs, Optional.empty());
    }

    @Override
    public void reschedule(String id, int attempts, long dueMs, LastAttempt last) {
        reschedule(id, attempts, dueMs, Optional.of(last));
    }

    /** Puts an event back; without an outcome, the one kept from an earlier attempt stays. */
    private void reschedule(String id, int attempts, long dueMs, Optional<LastAttempt> last) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE async_events SET attempts = ?, due_ms = ?,"
                    + " leased = 0, last_function_error = COALESCE(?, last_function_error),"
                    + " last_response = COALESCE(?, last_response) WHERE id = ?")) {
                st.setInt(1, attempts);
                st.setLong(2, dueMs);
                st.setString(3, last.map(LastAttempt::functionError).orElse(null));
                st.setBytes(4, last.map(LastAttempt::response).orElse(null));
                st.setString(5, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<LastAttempt> lastAttempt(String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT last_function_error, last_response"
                    + " FROM async_events WHERE id = ? AND last_function_error IS NOT NULL")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new LastAttempt(rs.getString(1), rs.getBytes(2)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void remove(String id) {
        update("DELETE FROM async_events WHERE id = ?", id);
    }

    @Override
    public void removeFunction(String functionName) {
        update("DELETE FROM async_events WHERE function_name = ?", functionName);
        update("DELETE FROM event_invoke_configs WHERE function_name = ?", functionName);
    }

    private void update(String sql, String key) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, key);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Depth depth() {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT COUNT(*), COALESCE(MIN(enqueued_ms), 0) FROM async_events");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Depth(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    @Override
    public void putConfig(Config config) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO event_invoke_configs (function_name,"
                    + " qualifier, max_retry, max_age_seconds, on_success, on_failure, last_modified_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (function_name, qualifier) DO UPDATE SET"
                    + " max_retry = excluded.max_retry, max_age_seconds = excluded.max_age_seconds,"
                    + " on_success = excluded.on_success, on_failure = excluded.on_failure,"
                    + " last_modified_ms = excluded.last_modified_ms")) {
                st.setString(1, config.functionName());
                st.setString(2, config.qualifier());
                setInt(st, 3, config.maxRetryAttempts());
                setInt(st, 4, config.maxAgeSeconds());
                st.setString(5, config.onSuccess().orElse(null));
                st.setString(6, config.onFailure().orElse(null));
                st.setLong(7, config.lastModifiedMs());
                st.executeUpdate();
            }
            return null;
        });
    }

    private static void setInt(PreparedStatement st, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            st.setInt(index, value.get());
        } else {
            st.setNull(index, Types.INTEGER);
        }
    }

    @Override
    public Optional<Config> config(String functionName, String qualifier) {
        return configs(functionName).stream().filter(c -> c.qualifier().equals(qualifier)).findFirst();
    }

    @Override
    public List<Config> configs(String functionName) {
        return db.inTransaction(c -> {
            List<Config> found = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT function_name, qualifier, max_retry,"
                    + " max_age_seconds, on_success, on_failure, last_modified_ms FROM event_invoke_configs"
                    + " WHERE function_name = ? ORDER BY qualifier")) {
                st.setString(1, functionName);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Config(rs.getString(1), rs.getString(2), optionalInt(rs, 3),
                                optionalInt(rs, 4), Optional.ofNullable(rs.getString(5)),
                                Optional.ofNullable(rs.getString(6)), rs.getLong(7)));
                    }
                }
            }
            return found;
        });
    }

    private static Optional<Integer> optionalInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public boolean deleteConfig(String functionName, String qualifier) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM event_invoke_configs WHERE function_name = ? AND qualifier = ?")) {
                st.setString(1, functionName);
                st.setString(2, qualifier);
                return st.executeUpdate() == 1;
            }
        });
    }
}
