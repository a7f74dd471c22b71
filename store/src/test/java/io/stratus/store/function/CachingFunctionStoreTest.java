package io.stratus.store.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.function.AliasRecord;
import io.stratus.model.function.CodeRef;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingFunctionStoreTest {

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private SqlFunctionStore sql;
    private CachingFunctionStore store;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        sql = new SqlFunctionStore(db);
        store = new CachingFunctionStore(sql);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static FunctionRecord record(String name, String revision) {
        FunctionConfig config = FunctionConfig.builder(name).runtime("nodejs22.x").handler("index.handler")
                .role("arn:aws:iam::000000000000:role/r").build();
        return new FunctionRecord(name, "$LATEST", config, new CodeRef("ab".repeat(32), 10), revision,
                Instant.ofEpochMilli(1_700_000_000_123L), FunctionState.creating());
    }

    @Test
    void readsAreServedFromMemoryUntilAWriteThroughTheStore() {
        assertThat(store.find("f", "$LATEST")).isEmpty();
        store.create(record("f", "r1"), Map.of());
        assertThat(store.find("f", "$LATEST")).map(FunctionRecord::revisionId).contains("r1");

        // A change behind the cache's back is not seen: the read really comes from memory.
        sql.replace(record("f", "r1").withState(FunctionState.active(), "r2"), "r1");
        assertThat(store.find("f", "$LATEST")).map(FunctionRecord::revisionId).contains("r1");

        store.replace(record("f", "r1").withState(FunctionState.active(), "r3"), "r2");
        assertThat(store.find("f", "$LATEST")).map(FunctionRecord::revisionId).contains("r3");
        store.delete("f");
        assertThat(store.find("f", "$LATEST")).isEmpty();
    }

    @Test
    void aliasesAreCachedAndForgottenOnChange() {
        store.create(record("f", "r1"), Map.of());
        AliasRecord live = new AliasRecord("f", "live", "$LATEST", "", Map.of(), "a1");
        assertThat(store.findAlias("f", "live")).isEmpty();
        store.createAlias(live);
        assertThat(store.findAlias("f", "live")).contains(live);
        store.deleteAlias("f", "live");
        assertThat(store.findAlias("f", "live")).isEmpty();
    }
}
