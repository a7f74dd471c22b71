package io.stratus.store.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.function.CodeRef;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionLayer;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.model.layer.LayerPolicy;
import io.stratus.model.layer.LayerVersion;
import io.stratus.store.function.SqlFunctionStore;
import io.stratus.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer store contract on a real SQLite file. */
class SqlLayerStoreTest {

    private static final CodeRef ZIP = new CodeRef("cd".repeat(32), 42);

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private LayerStore store;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        store = new SqlLayerStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private LayerVersion publish(String name) {
        return store.publish(name, n -> new LayerVersion(name, n, "", Optional.empty(), Optional.of(List.of()),
                Optional.empty(), ZIP, Instant.ofEpochMilli(1_700_000_000_000L)));
    }

    @Test
    void versionNumbersCountPerLayerAndAreNeverReused() {
        assertThat(publish("a").version()).isEqualTo(1);
        assertThat(publish("a").version()).isEqualTo(2);
        assertThat(publish("b").version()).isEqualTo(1);
        assertThat(store.delete("a", 2)).isPresent();
        assertThat(store.delete("a", 1)).isPresent();
        assertThat(store.delete("a", 1)).isEmpty();
        assertThat(store.versions("a")).isEmpty();
        assertThat(publish("a").version()).isEqualTo(3);
        publish("c");
        assertThat(store.find("a", 3)).isPresent();
        assertThat(store.all()).extracting(v -> v.layerName() + ":" + v.version()).containsExactly("a:3", "b:1", "c:1");
        assertThat(store.find("b", 1).orElseThrow().compatibleRuntimes()).contains(List.of());
        assertThat(store.find("b", 1).orElseThrow().compatibleArchitectures()).isEmpty();
    }

    @Test
    void policyChangesAreCompareAndSetOnTheRevision() {
        publish("p");
        LayerPolicy first = new LayerPolicy(List.of("{\"Sid\":\"s1\"}"), "r1");
        assertThat(store.replacePolicy("p", 1, Optional.of("r0"), first)).isFalse();
        assertThat(store.replacePolicy("p", 1, Optional.empty(), first)).isTrue();
        assertThat(store.policy("p", 1)).contains(first);
        assertThat(store.replacePolicy("p", 1, Optional.empty(), first)).isFalse();
        assertThat(store.replacePolicy("p", 1, Optional.of("r1"), new LayerPolicy(List.of(), "r2"))).isTrue();
        assertThat(store.policy("p", 1)).isEmpty();
        assertThat(store.replacePolicy("p", 9, Optional.empty(), first)).isFalse();
    }

    @Test
    void layerPackagesStayReferencedWhileAFunctionUsesThemAfterTheVersionIsGone() {
        publish("lib");
        assertThat(store.referencesCode(ZIP.sha256Hex())).isTrue();
        assertThat(store.totalCodeBytes()).isEqualTo(42);
        SqlFunctionStore functions = new SqlFunctionStore(db);
        FunctionConfig config = FunctionConfig.builder("f").runtime("nodejs22.x").handler("index.handler")
                .role("arn:aws:iam::000000000000:role/r")
                .layers(List.of(new FunctionLayer("arn:aws:lambda:us-east-1:000000000000:layer:lib:1", ZIP))).build();
        functions.create(new FunctionRecord("f", "$LATEST", config, new CodeRef("ab".repeat(32), 10), "r1",
                Instant.ofEpochMilli(1_700_000_000_123L), FunctionState.creating()), Map.of());
        store.delete("lib", 1);
        assertThat(store.referencesCode(ZIP.sha256Hex())).isFalse();
        assertThat(functions.referencesCode(ZIP.sha256Hex())).isTrue();
        assertThat(functions.referencedCode()).containsExactlyInAnyOrder("ab".repeat(32), ZIP.sha256Hex());
        assertThat(functions.find("f", "$LATEST").orElseThrow().config().layers()).containsExactlyElementsOf(
                config.layers());
        functions.delete("f");
        assertThat(functions.referencesCode(ZIP.sha256Hex())).isFalse();
    }
}
