package io.stratus.store.console;

import io.stratus.store.sql.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link TestEventStore} on the SQL database (table {@code console_test_events}, deleted with the function). */
public final class SqlTestEventStore implements TestEventStore {

    private final Database db;

    public SqlTestEventStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(TestEvent event) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO console_test_events (function_name, name,"
                    + " event, last_modified_ms) VALUES (?, ?, ?, ?) ON CONFLICT (function_name, name)"
                    + " DO UPDATE SET event = excluded.event, last_modified_ms = excluded.last_modified_ms")) {
                st.setString(1, event.functionName());
                st.setString(2, event.name());
                st.setString(3, event.event());
                st.setLong(4, event.lastModifiedMs());
                return st.executeUpdate();
            }
        });
    }

    @Override
    public List<TestEvent> list(String functionName) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT name, event, last_modified_ms FROM"
                    + " console_test_events WHERE function_name = ? ORDER BY name")) {
                st.setString(1, functionName);
                List<TestEvent> found = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(new TestEvent(functionName, rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public boolean delete(String functionName, String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM console_test_events WHERE function_name = ? AND name = ?")) {
                st.setString(1, functionName);
                st.setString(2, name);
                return st.executeUpdate() == 1;
            }
        });
    }
}
