package io.stratus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadCacheTest {

    @TempDir
    Path dir;
    private SqliteDatabase db;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"));
        db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private int write(String sql, String... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setString(i + 1, args[i]);
                }
                return st.executeUpdate();
            }
        });
    }

    @Test
    void onlyTransactionsThatChangeRowsMoveTheGeneration() {
        long start = db.generation();
        db.inTransaction(c -> c.createStatement().executeQuery("SELECT count(*) FROM kv").next());
        assertThat(db.generation()).isEqualTo(start);
        assertThat(write("UPDATE kv SET v = 'x' WHERE k = 'missing'")).isZero();
        assertThat(db.generation()).isEqualTo(start);
        write("INSERT INTO kv VALUES (?, ?)", "a", "1");
        assertThat(db.generation()).isGreaterThan(start);
    }

    @Test
    void aValueIsReadOnceUntilTheDatabaseChanges() {
        ReadCache<String, String> cache = new ReadCache<>(db);
        AtomicInteger loads = new AtomicInteger();
        java.util.function.Supplier<String> load = () -> {
            loads.incrementAndGet();
            return db.inTransaction(c -> {
                var rs = c.createStatement().executeQuery("SELECT v FROM kv WHERE k = 'a'");
                return rs.next() ? rs.getString(1) : "none";
            });
        };
        assertThat(cache.get("a", load)).isEqualTo("none");
        assertThat(cache.get("a", load)).isEqualTo("none");
        assertThat(loads).hasValue(1);

        write("INSERT INTO kv VALUES (?, ?)", "a", "1");
        assertThat(cache.get("a", load)).isEqualTo("1");
        write("UPDATE kv SET v = ? WHERE k = ?", "2", "a");
        assertThat(cache.get("a", load)).isEqualTo("2");
        assertThat(cache.get("a", load)).isEqualTo("2");
        assertThat(loads).hasValue(3);
    }
}
