package io.stratus.store.events;

import io.stratus.store.async.AsyncQueue;
import io.stratus.store.async.SqlAsyncQueue;
import io.stratus.store.sql.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RuleStore} in portable SQL; see the V10 migration. */
public final class SqlRuleStore implements RuleStore {

    private static final String COLUMNS = "name, event_bus_name, schedule_expression, event_pattern, state,"
            + " description, role_arn, created_ms, generation, schedule_start_ms, last_fired_ms";

    private final Database db;

    public SqlRuleStore(Database db) {
        this.db = db;
    }

    @Override
    public Rule put(RuleSettings s, long nowMs) {
        return db.inTransaction(c -> {
            Optional<Rule> old = get(c, s.name());
            long start = nowMs;
            if (old.isPresent()) {
                RuleSettings was = old.get().settings();
                boolean restarts = !was.scheduleExpression().equals(s.scheduleExpression())
                        || (!old.get().enabled() && !s.state().equals("DISABLED"));
                start = restarts ? nowMs : old.get().scheduleStartMs();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO event_rules (" + COLUMNS + ") VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, NULL) ON CONFLICT (name) DO UPDATE SET"
                    + " event_bus_name = excluded.event_bus_name, schedule_expression = excluded.schedule_expression,"
                    + " event_pattern = excluded.event_pattern, state = excluded.state,"
                    + " description = excluded.description, role_arn = excluded.role_arn,"
                    + " generation = event_rules.generation + 1, schedule_start_ms = excluded.schedule_start_ms")) {
                st.setString(1, s.name());
                st.setString(2, s.eventBusName());
                setText(st, 3, s.scheduleExpression());
                setText(st, 4, s.eventPattern());
                st.setString(5, s.state());
                setText(st, 6, s.description());
                setText(st, 7, s.roleArn());
                st.setLong(8, nowMs);
                st.setLong(9, start);
                st.executeUpdate();
            }
            return get(c, s.name()).orElseThrow();
        });
    }

    @Override
    public Optional<Rule> get(String name) {
        return db.inTransaction(c -> get(c, name));
    }

    private static Optional<Rule> get(Connection c, String name) throws SQLException {
        List<Rule> found = query(c, "SELECT " + COLUMNS + " FROM event_rules WHERE name = ?", name);
        return found.stream().findFirst();
    }

    @Override
    public List<Rule> list(String namePrefix, Optional<String> afterName, int limit) {
        return db.inTransaction(c -> {
            List<Rule> all = query(c, "SELECT " + COLUMNS + " FROM event_rules WHERE name > ? ORDER BY name",
                    afterName.orElse(""));
            return all.stream().filter(r -> r.name().startsWith(namePrefix)).limit(limit).toList();
        });
    }

    @Override
    public boolean setState(String name, String state, long nowMs) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE event_rules SET generation = generation + 1,"
                    + " schedule_start_ms = CASE WHEN state = 'DISABLED' AND ? <> 'DISABLED' THEN ?"
                    + " ELSE schedule_start_ms END, state = ? WHERE name = ?")) {
                st.setString(1, state);
                st.setLong(2, nowMs);
                st.setString(3, state);
                st.setString(4, name);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement targets = c.prepareStatement("DELETE FROM event_targets WHERE rule_name = ?");
                 PreparedStatement rule = c.prepareStatement("DELETE FROM event_rules WHERE name = ?")) {
                targets.setString(1, name);
                targets.executeUpdate();
                rule.setString(1, name);
                return rule.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Target> targets(String ruleName) {
        return db.inTransaction(c -> {
            List<Target> found = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, arn, input, input_path FROM event_targets"
                    + " WHERE rule_name = ? ORDER BY position")) {
                st.setString(1, ruleName);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Target(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                                Optional.ofNullable(rs.getString(4))));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void putTargets(String ruleName, List<Target> targets) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO event_targets (rule_name, id, arn, input,"
                    + " input_path, position) VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM"
                    + " event_targets WHERE rule_name = ?)) ON CONFLICT (rule_name, id) DO UPDATE SET"
                    + " arn = excluded.arn, input = excluded.input, input_path = excluded.input_path")) {
                for (Target t : targets) {
                    st.setString(1, ruleName);
                    st.setString(2, t.id());
                    st.setString(3, t.arn());
                    setText(st, 4, t.input());
                    setText(st, 5, t.inputPath());
                    st.setString(6, ruleName);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void removeTargets(String ruleName, List<String> ids) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM event_targets WHERE rule_name = ? AND id = ?")) {
                for (String id : ids) {
                    st.setString(1, ruleName);
                    st.setString(2, id);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public List<Rule> scheduled() {
        return db.inTransaction(c -> query(c, "SELECT " + COLUMNS + " FROM event_rules WHERE state <> ?"
                + " AND schedule_expression IS NOT NULL ORDER BY name", "DISABLED"));
    }

    @Override
    public boolean recordFire(String ruleName, long generation, long firedMs, List<AsyncQueue.Event> events) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE event_rules SET last_fired_ms = ? WHERE name = ?"
                    + " AND generation = ? AND state <> 'DISABLED' AND (last_fired_ms IS NULL OR last_fired_ms < ?)")) {
                st.setLong(1, firedMs);
                st.setString(2, ruleName);
                st.setLong(3, generation);
                st.setLong(4, firedMs);
                if (st.executeUpdate() == 0) {
                    return false;
                }
            }
            for (AsyncQueue.Event event : events) {
                SqlAsyncQueue.insert(c, event);
            }
            return true;
        });
    }

    @Override
    public ClockAnchor clockAnchor(double scale, long realNowMs) {
        return db.inTransaction(c -> {
            Optional<ClockAnchor> stored = Optional.empty();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT real_anchor_ms, simulated_anchor_ms, scale FROM schedule_clock WHERE id = 1");
                 ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    stored = Optional.of(new ClockAnchor(rs.getLong(1), rs.getLong(2), rs.getDouble(3)));
                }
            }
            if (stored.isPresent() && stored.get().scale() == scale) {
                return stored.get();
            }
            ClockAnchor anchor = scale == 1.0 || stored.isEmpty()
                    ? new ClockAnchor(realNowMs, realNowMs, scale)
                    : new ClockAnchor(realNowMs, stored.get().simulatedAnchorMs()
                    + (long) ((realNowMs - stored.get().realAnchorMs()) * stored.get().scale()), scale);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO schedule_clock (id, real_anchor_ms,"
                    + " simulated_anchor_ms, scale) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " real_anchor_ms = excluded.real_anchor_ms,"
                    + " simulated_anchor_ms = excluded.simulated_anchor_ms, scale = excluded.scale")) {
                st.setLong(1, anchor.realAnchorMs());
                st.setLong(2, anchor.simulatedAnchorMs());
                st.setDouble(3, anchor.scale());
                st.executeUpdate();
            }
            return anchor;
        });
    }

    private static List<Rule> query(Connection c, String sql, String key) throws SQLException {
        List<Rule> found = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    RuleSettings settings = new RuleSettings(rs.getString(1), rs.getString(2),
                            Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                            rs.getString(5), Optional.ofNullable(rs.getString(6)),
                            Optional.ofNullable(rs.getString(7)));
                    long lastFired = rs.getLong(11);
                    found.add(new Rule(settings, rs.getLong(8), rs.getLong(9), rs.getLong(10),
                            rs.wasNull() ? Optional.empty() : Optional.of(lastFired)));
                }
            }
        }
        return found;
    }

    private static void setText(PreparedStatement st, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            st.setString(index, value.get());
        } else {
            st.setNull(index, Types.VARCHAR);
        }
    }
}
