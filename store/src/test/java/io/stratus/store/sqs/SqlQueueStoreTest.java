package io.stratus.store.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue store on a real SQLite file: visibility, retention, redrive, counts, and the read-cache generation. */
class SqlQueueStoreTest {

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private QueueStore store;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        store = new SqlQueueStore(db);
        store.createIfAbsent(new QueueStore.Queue("q", Map.of(), Map.of(), 0, 0));
        store.createIfAbsent(new QueueStore.Queue("dlq", Map.of(), Map.of(), 0, 0));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void send(String id, long sentMs, long visibleMs) {
        assertThat(store.send("q", List.of(new QueueStore.NewMessage(id, "body-" + id, "{}", "{}", sentMs,
                visibleMs)))).isTrue();
    }

    private List<QueueStore.StoredMessage> receive(long nowMs, Optional<QueueStore.Redrive> redrive) {
        return store.receive(new QueueStore.ReceiveRequest("q", nowMs, 10, nowMs + 1000, 0, redrive)).messages();
    }

    @Test
    void aReceivedMessageIsInvisibleUntilItsTimeoutAndCountsItsReceives() {
        send("a", 100, 100);
        send("delayed", 100, 5000);
        assertThat(store.counts("q", 200)).isEqualTo(new QueueStore.Counts(1, 0, 1));
        QueueStore.StoredMessage first = receive(200, Optional.empty()).getFirst();
        assertThat(first.id()).isEqualTo("a");
        assertThat(first.receiveCount()).isEqualTo(1);
        assertThat(first.firstReceiveMs()).isEqualTo(200);
        assertThat(receive(300, Optional.empty())).isEmpty();
        assertThat(store.counts("q", 300)).isEqualTo(new QueueStore.Counts(0, 1, 1));
        assertThat(store.nextVisibleMs("q", 300)).hasValue(1200);
        QueueStore.StoredMessage second = receive(1200, Optional.empty()).getFirst();
        assertThat(second.receiveCount()).isEqualTo(2);
        assertThat(second.firstReceiveMs()).isEqualTo(200);
        assertThat(store.changeVisibility("q", second.seq(), first.receipt(), 0))
                .isEqualTo(QueueStore.VisibilityChange.RECEIPT_EXPIRED);
        assertThat(store.changeVisibility("q", second.seq(), second.receipt(), 0))
                .isEqualTo(QueueStore.VisibilityChange.CHANGED);
        assertThat(store.deleteMessage("q", second.seq())).isTrue();
        assertThat(store.changeVisibility("q", second.seq(), second.receipt(), 0))
                .isEqualTo(QueueStore.VisibilityChange.NO_SUCH_MESSAGE);
    }

    @Test
    void expiredMessagesAreDeletedInsteadOfReceived() {
        send("old", 100, 100);
        send("new", 900, 900);
        var received = store.receive(new QueueStore.ReceiveRequest("q", 1000, 10, 2000, 500, Optional.empty()));
        assertThat(received.messages()).extracting(QueueStore.StoredMessage::id).containsExactly("new");
        assertThat(store.counts("q", 3000)).isEqualTo(new QueueStore.Counts(1, 0, 0));
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueueKeepingItsHistory() {
        send("poison", 100, 100);
        QueueStore.Redrive redrive = new QueueStore.Redrive("dlq", 1, s -> "{\"moved\":\"yes\"}");
        assertThat(receive(100, Optional.of(redrive))).hasSize(1);
        var again = store.receive(new QueueStore.ReceiveRequest("q", 2000, 10, 3000, 0, Optional.of(redrive)));
        assertThat(again.messages()).isEmpty();
        assertThat(again.moved()).isEqualTo(1);
        var dead = store.receive(new QueueStore.ReceiveRequest("dlq", 2000, 10, 3000, 0, Optional.empty()))
                .messages().getFirst();
        assertThat(dead.id()).isEqualTo("poison");
        assertThat(dead.receiveCount()).isEqualTo(2);
        assertThat(dead.sentMs()).isEqualTo(100);
        assertThat(dead.systemAttributes()).isEqualTo("{\"moved\":\"yes\"}");
    }

    @Test
    void messageTrafficLeavesTheReadCacheGenerationAlone() {
        long generation = db.generation();
        send("a", 100, 100);
        receive(100, Optional.empty());
        store.purge("q");
        assertThat(db.generation()).isEqualTo(generation);
        store.setTags("q", Map.of("k", "v"));
        assertThat(db.generation()).isGreaterThan(generation);
    }

    @Test
    void deletingAQueueDeletesItsMessagesAndRefusesSends() {
        send("a", 100, 100);
        assertThat(store.delete("q")).isTrue();
        assertThat(store.send("q", List.of(new QueueStore.NewMessage("b", "x", "{}", "{}", 0, 0)))).isFalse();
        store.createIfAbsent(new QueueStore.Queue("q", Map.of(), Map.of(), 0, 0));
        assertThat(store.counts("q", 1000)).isEqualTo(new QueueStore.Counts(0, 0, 0));
        assertThat(store.list("", Optional.empty(), 10)).extracting(QueueStore.Queue::name)
                .containsExactly("dlq", "q");
        assertThat(store.list("d", Optional.empty(), 10)).hasSize(1);
    }
}
