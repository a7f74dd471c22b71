package io.stratus.store.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.function.CodeRef;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file; the PostgreSQL implementation will run the same cases. */
class SqlFunctionStoreTest {

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private FunctionStore store;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        store = new SqlFunctionStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static FunctionRecord record(String name, String revision) {
        FunctionConfig config = FunctionConfig.builder(name).runtime("nodejs22.x").handler("index.handler")
                .role("arn:aws:iam::000000000000:role/r").environment(Map.of("B", "2", "A", "1")).build();
        return new FunctionRecord(name, "$LATEST", config, new CodeRef("ab".repeat(32), 10), revision,
                Instant.ofEpochMilli(1_700_000_000_123L), FunctionState.creating());
    }

    @Test
    void createIsRefusedForAnExistingName() {
        assertThat(store.create(record("f", "r1"), Map.of("t", "v"))).isTrue();
        assertThat(store.create(record("f", "r2"), Map.of())).isFalse();
        assertThat(store.find("f", "$LATEST")).contains(record("f", "r1"));
        assertThat(store.tags("f")).contains(Map.of("t", "v"));
    }

    @Test
    void replaceIsCompareAndSetOnTheRevision() {
        store.create(record("f", "r1"), Map.of());
        FunctionRecord active = record("f", "r1").withState(FunctionState.active(), "r2");
        assertThat(store.replace(active, "stale")).isFalse();
        assertThat(store.replace(active, "r1")).isTrue();
        assertThat(store.find("f", "$LATEST").orElseThrow().state()).isEqualTo(FunctionState.active());
        assertThat(store.preparing()).isEmpty();
    }

    @Test
    void listsByNameAfterAMarkerAndDeletesEverything() {
        for (String n : new String[] {"c", "a", "b"}) {
            store.create(record(n, "r"), Map.of());
        }
        assertThat(store.listLatest(Optional.empty(), 2)).extracting(FunctionRecord::name).containsExactly("a", "b");
        assertThat(store.listLatest(Optional.of("b"), 2)).extracting(FunctionRecord::name).containsExactly("c");
        assertThat(store.usage()).isEqualTo(new FunctionStore.Usage(3, 30));
        assertThat(store.referencesCode("ab".repeat(32))).isTrue();
        assertThat(store.delete("b")).contains(java.util.Set.of("ab".repeat(32)));
        assertThat(store.delete("b")).isEmpty();
        assertThat(store.find("b", "$LATEST")).isEmpty();
        assertThat(store.tags("b")).isEmpty();
        store.delete("a");
        store.delete("c");
        assertThat(store.referencesCode("ab".repeat(32))).isFalse();
    }

    @Test
    void tagChangesAreAtomicAndRenewTheLatestRevision() {
        store.create(record("f", "r1"), Map.of());
        assertThat(store.changeTags("f", t -> {
            t.put("k", "v");
            return t;
        }, "r9")).contains(Map.of("k", "v"));
        assertThat(store.find("f", "$LATEST").orElseThrow().revisionId()).isEqualTo("r9");
        assertThat(store.changeTags("missing", t -> t, "x")).isEmpty();
    }
}
