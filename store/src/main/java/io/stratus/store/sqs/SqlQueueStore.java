package io.stratus.store.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.store.StoreException;
import io.stratus.store.sql.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@link QueueStore} in portable SQL; see the V13 migration. Message traffic runs in uncached transactions: no read
 * cache holds queue rows, and a busy queue must not empty the caches of the invoke path.
 */
public final class SqlQueueStore implements QueueStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final String MESSAGE_COLUMNS = "seq, id, body, attributes, system_attributes, sent_ms,"
            + " receive_count, first_receive_ms";
    /** Candidates read per round of a receive; more rounds run when expired or redriven ones are skipped. */
    private static final int ROUND = 50;

    private final Database db;
    private final SecureRandom random = new SecureRandom();

    public SqlQueueStore(Database db) {
        this.db = db;
    }

    @Override
    public Queue createIfAbsent(Queue queue) {
        return db.inTransaction(c -> {
            Optional<Queue> existing = get(c, queue.name());
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO sqs_queues (name, attributes, tags,"
                    + " created_ms, modified_ms) VALUES (?, ?, ?, ?, ?)")) {
                st.setString(1, queue.name());
                st.setString(2, write(queue.attributes()));
                st.setString(3, write(queue.tags()));
                st.setLong(4, queue.createdMs());
                st.setLong(5, queue.modifiedMs());
                st.executeUpdate();
            }
            return queue;
        });
    }

    @Override
    public Optional<Queue> get(String name) {
        return db.inUncachedTransaction(c -> get(c, name));
    }

    private static Optional<Queue> get(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT name, attributes, tags, created_ms, modified_ms"
                + " FROM sqs_queues WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(queue(rs)) : Optional.empty();
            }
        }
    }

    private static Queue queue(ResultSet rs) throws SQLException {
        return new Queue(rs.getString(1), read(rs.getString(2)), read(rs.getString(3)), rs.getLong(4),
                rs.getLong(5));
    }

    @Override
    public List<Queue> list(String prefix, Optional<String> afterName, int limit) {
        return db.inUncachedTransaction(c -> {
            List<Queue> found = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT name, attributes, tags, created_ms, modified_ms"
                    + " FROM sqs_queues WHERE name > ? AND substr(name, 1, ?) = ? ORDER BY name LIMIT ?")) {
                st.setString(1, afterName.orElse(""));
                st.setInt(2, prefix.length());
                st.setString(3, prefix);
                st.setInt(4, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(queue(rs));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public boolean delete(String name) {
        return db.inTransaction(c -> {
            update(c, "DELETE FROM sqs_messages WHERE queue_name = ?", name);
            return update(c, "DELETE FROM sqs_queues WHERE name = ?", name) == 1;
        });
    }

    @Override
    public boolean setAttributes(String name, Map<String, String> attributes, long nowMs) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE sqs_queues SET attributes = ?, modified_ms = ? WHERE name = ?")) {
                st.setString(1, write(attributes));
                st.setLong(2, nowMs);
                st.setString(3, name);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean setTags(String name, Map<String, String> tags) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE sqs_queues SET tags = ? WHERE name = ?")) {
                st.setString(1, write(tags));
                st.setString(2, name);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean send(String queueName, List<NewMessage> messages) {
        return db.inUncachedTransaction(c -> {
            if (get(c, queueName).isEmpty()) {
                return false;
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO sqs_messages (queue_name, id, body,"
                    + " attributes, system_attributes, sent_ms, visible_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (NewMessage m : messages) {
                    st.setString(1, queueName);
                    st.setString(2, m.id());
                    st.setString(3, m.body());
                    st.setString(4, m.attributes());
                    st.setString(5, m.systemAttributes());
                    st.setLong(6, m.sentMs());
                    st.setLong(7, m.visibleMs());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return true;
        });
    }

    @Override
    public Received receive(ReceiveRequest request) {
        return db.inUncachedTransaction(c -> {
            boolean redrives = request.redrive().isPresent()
                    && get(c, request.redrive().get().deadLetterQueue()).isPresent();
            List<StoredMessage> received = new ArrayList<>();
            int moved = 0;
            long afterSeq = -1;
            while (received.size() < request.max()) {
                List<StoredMessage> candidates = candidates(c, request, afterSeq);
                for (StoredMessage m : candidates) {
                    afterSeq = m.seq();
                    if (received.size() == request.max()) {
                        break;
                    }
                    if (m.sentMs() < request.retentionCutoffMs()) {
                        deleteMessage(c, m.seq());
                    } else if (redrives && m.receiveCount() >= request.redrive().get().maxReceiveCount()) {
                        moveToDeadLetterQueue(c, m, request.redrive().get(), request.nowMs());
                        moved++;
                    } else {
                        received.add(markReceived(c, m, request));
                    }
                }
                if (candidates.size() < ROUND) {
                    break;
                }
            }
            return new Received(received, moved);
        });
    }

    private static List<StoredMessage> candidates(Connection c, ReceiveRequest request, long afterSeq)
            throws SQLException {
        List<StoredMessage> found = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM sqs_messages"
                + " WHERE queue_name = ? AND visible_ms <= ? AND seq > ? ORDER BY seq LIMIT ?")) {
            st.setString(1, request.queueName());
            st.setLong(2, request.nowMs());
            st.setLong(3, afterSeq);
            st.setInt(4, ROUND);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long firstReceive = rs.getLong(8);
                    found.add(new StoredMessage(rs.getLong(1), "", rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6), rs.getInt(7),
                            rs.wasNull() ? 0 : firstReceive));
                }
            }
        }
        return found;
    }

    private StoredMessage markReceived(Connection c, StoredMessage m, ReceiveRequest request) throws SQLException {
        String receipt = HexFormat.of().formatHex(token());
        long firstReceive = m.receiveCount() == 0 ? request.nowMs() : m.firstReceiveMs();
        try (PreparedStatement st = c.prepareStatement("UPDATE sqs_messages SET receive_count = receive_count + 1,"
                + " first_receive_ms = ?, visible_ms = ?, receipt = ? WHERE seq = ?")) {
            st.setLong(1, firstReceive);
            st.setLong(2, request.visibleUntilMs());
            st.setString(3, receipt);
            st.setLong(4, m.seq());
            st.executeUpdate();
        }
        return new StoredMessage(m.seq(), receipt, m.id(), m.body(), m.attributes(), m.systemAttributes(),
                m.sentMs(), m.receiveCount() + 1, firstReceive);
    }

    private byte[] token() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void moveToDeadLetterQueue(Connection c, StoredMessage m, Redrive redrive, long nowMs)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE sqs_messages SET queue_name = ?, visible_ms = ?,"
                + " receipt = NULL, system_attributes = ? WHERE seq = ?")) {
            st.setString(1, redrive.deadLetterQueue());
            st.setLong(2, nowMs);
            st.setString(3, redrive.moveAttributes().apply(m.systemAttributes()));
            st.setLong(4, m.seq());
            st.executeUpdate();
        }
    }

    @Override
    public boolean deleteMessage(String queueName, long seq) {
        return db.inUncachedTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM sqs_messages WHERE queue_name = ? AND seq = ?")) {
                st.setString(1, queueName);
                st.setLong(2, seq);
                return st.executeUpdate() == 1;
            }
        });
    }

    private static void deleteMessage(Connection c, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM sqs_messages WHERE seq = ?")) {
            st.setLong(1, seq);
            st.executeUpdate();
        }
    }

    @Override
    public VisibilityChange changeVisibility(String queueName, long seq, String receipt, long visibleAtMs) {
        return db.inUncachedTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT receipt FROM sqs_messages WHERE queue_name = ? AND seq = ?")) {
                st.setString(1, queueName);
                st.setLong(2, seq);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return VisibilityChange.NO_SUCH_MESSAGE;
                    }
                    if (!receipt.equals(rs.getString(1))) {
                        return VisibilityChange.RECEIPT_EXPIRED;
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE sqs_messages SET visible_ms = ? WHERE seq = ?")) {
                st.setLong(1, visibleAtMs);
                st.setLong(2, seq);
                st.executeUpdate();
            }
            return VisibilityChange.CHANGED;
        });
    }

    @Override
    public void purge(String queueName) {
        db.inUncachedTransaction(c -> update(c, "DELETE FROM sqs_messages WHERE queue_name = ?", queueName));
    }

    @Override
    public Counts counts(String queueName, long nowMs) {
        return db.inUncachedTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT"
                    + " COALESCE(SUM(CASE WHEN visible_ms <= ? THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN visible_ms > ? AND receive_count > 0 THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN visible_ms > ? AND receive_count = 0 THEN 1 ELSE 0 END), 0)"
                    + " FROM sqs_messages WHERE queue_name = ?")) {
                st.setLong(1, nowMs);
                st.setLong(2, nowMs);
                st.setLong(3, nowMs);
                st.setString(4, queueName);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    @Override
    public OptionalLong nextVisibleMs(String queueName, long nowMs) {
        return db.inUncachedTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT MIN(visible_ms) FROM sqs_messages WHERE queue_name = ? AND visible_ms > ?")) {
                st.setString(1, queueName);
                st.setLong(2, nowMs);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long next = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(next);
                }
            }
        });
    }

    private static int update(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, key);
            return st.executeUpdate();
        }
    }

    private static String write(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + map.keySet(), e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored queue map is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
