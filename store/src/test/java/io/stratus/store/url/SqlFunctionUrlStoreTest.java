package io.stratus.store.url;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.function.AliasRecord;
import io.stratus.model.function.CodeRef;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.store.function.SqlFunctionStore;
import io.stratus.store.sql.SqliteDatabase;
import io.stratus.store.url.FunctionUrlStore.StoredUrl;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The function URL store on a real SQLite file, including what the schema removes on its own. */
class SqlFunctionUrlStoreTest {

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private SqlFunctionStore functions;
    private FunctionUrlStore urls;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        functions = new SqlFunctionStore(db);
        urls = new SqlFunctionUrlStore(db);
        FunctionConfig config = FunctionConfig.builder("f").runtime("nodejs22.x").handler("index.handler")
                .role("arn:aws:iam::000000000000:role/r").build();
        functions.create(new FunctionRecord("f", "$LATEST", config, new CodeRef("ab".repeat(32), 10), "r",
                Instant.EPOCH, FunctionState.active()), Map.of());
        functions.createAlias(new AliasRecord("f", "live", "$LATEST", "", Map.of(), "r"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static StoredUrl url(String id, String qualifier, long createdMs) {
        return new StoredUrl(id, "f", qualifier, "NONE", Optional.empty(), "BUFFERED", createdMs, createdMs);
    }

    @Test
    void oneConfigPerQualifierFoundByFunctionOrId() {
        assertThat(urls.insert(url("id1", "$LATEST", 1))).isTrue();
        assertThat(urls.insert(url("id2", "$LATEST", 2))).isFalse();
        assertThat(urls.find("f", "$LATEST")).contains(url("id1", "$LATEST", 1));
        assertThat(urls.byUrlId("id1")).contains(url("id1", "$LATEST", 1));
        assertThat(urls.byUrlId("id2")).isEmpty();
    }

    @Test
    void updatesChangeOnlyTheSettings() {
        urls.insert(url("id1", "$LATEST", 1));
        StoredUrl changed = new StoredUrl("id1", "f", "$LATEST", "AWS_IAM", Optional.of("{\"MaxAge\":5}"),
                "RESPONSE_STREAM", 1, 9);
        assertThat(urls.update(changed)).isTrue();
        assertThat(urls.byUrlId("id1")).contains(changed);
        assertThat(urls.update(url("gone", "$LATEST", 1))).isFalse();
    }

    @Test
    void listsInCreationOrderAfterAMarker() {
        urls.insert(url("zzz", "$LATEST", 1));
        urls.insert(url("aaa", "live", 2));
        assertThat(urls.list("f", Optional.empty(), 10)).extracting(StoredUrl::urlId).containsExactly("zzz", "aaa");
        assertThat(urls.list("f", Optional.of("zzz"), 10)).extracting(StoredUrl::urlId).containsExactly("aaa");
        assertThat(urls.list("f", Optional.empty(), 1)).extracting(StoredUrl::urlId).containsExactly("zzz");
    }

    @Test
    void deletingTheAliasOrTheFunctionDeletesTheirConfigs() {
        urls.insert(url("plain", "$LATEST", 1));
        urls.insert(url("aliased", "live", 2));
        functions.deleteAlias("f", "live");
        assertThat(urls.byUrlId("aliased")).isEmpty();
        assertThat(urls.byUrlId("plain")).isPresent();
        functions.delete("f");
        assertThat(urls.byUrlId("plain")).isEmpty();
    }

    @Test
    void deleteReportsWhetherThereWasAConfig() {
        urls.insert(url("plain", "$LATEST", 1));
        assertThat(urls.delete("f", "$LATEST")).isTrue();
        assertThat(urls.delete("f", "$LATEST")).isFalse();
    }
}
