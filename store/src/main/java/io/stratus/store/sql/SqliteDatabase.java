package io.stratus.store.sql;

import io.stratus.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.core.DB;

/**
 * The embedded store: one SQLite file, migrated on open with the versioned scripts under
 * {@code db/migration/sqlite}.
 *
 * <p>SQLite allows one writer at a time, so a single connection is shared and every transaction holds
 * {@link #lock} for its duration; control-plane traffic is far below what that serializes. The journal is WAL
 * with {@code synchronous=FULL}: a committed transaction survives a crash of the process or the machine.
 */
public final class SqliteDatabase implements Database {

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final Connection connection;
    /** The engine behind {@link #connection}: its count of changed rows tells writes from reads. */
    private final DB engine;
    /** Guarded by {@link #lock}: {@code total_changes()} after the last transaction. */
    private long changesSeen;
    private final AtomicLong generation = new AtomicLong();

    private SqliteDatabase(Connection connection) throws SQLException {
        this.connection = connection;
        this.engine = connection.unwrap(SQLiteConnection.class).getDatabase();
        this.changesSeen = engine.total_changes();
    }

    /**
     * Opens (creating and migrating if needed) the database file.
     *
     * @throws StoreException when the file cannot be opened or a migration fails
     */
    public static SqliteDatabase open(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            SQLiteDataSource dataSource = new SQLiteDataSource();
            dataSource.setUrl(url);
            Flyway.configure(SqliteDatabase.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
            Connection connection = DriverManager.getConnection(url);
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA foreign_keys=ON");
                st.execute("PRAGMA busy_timeout=5000");
            }
            connection.setAutoCommit(false);
            return new SqliteDatabase(connection);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return run(work, true);
    }

    @Override
    public <T> T inUncachedTransaction(Work<T> work) {
        return run(work, false);
    }

    private <T> T run(Work<T> work, boolean cached) {
        lock.lock();
        try {
            try {
                T result = work.run(connection);
                connection.commit();
                noteChanges(cached);
                return result;
            } catch (SQLException e) {
                rollback();
                throw new StoreException("database transaction failed: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the generation on when the transaction just committed changed rows of cached tables (called under the
     * lock); an uncached transaction only catches {@link #changesSeen} up. When the
     * count cannot be read, it moves on anyway: a needless cache miss is harmless, a missed change is not.
     */
    private void noteChanges(boolean cached) {
        try {
            long changes = engine.total_changes();
            if (changes == changesSeen) {
                return;
            }
            changesSeen = changes;
            if (!cached) {
                return;
            }
        } catch (SQLException e) {
            changesSeen = -1;
        }
        generation.incrementAndGet();
    }

    @Override
    public long generation() {
        return generation.get();
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new StoreException("rollback failed", e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close database", e);
        } finally {
            lock.unlock();
        }
    }
}
