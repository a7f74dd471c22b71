package io.stratus.store.sql;

import io.stratus.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

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

    private SqliteDatabase(Connection connection) {
        this.connection = connection;
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
        lock.lock();
        try {
            try {
                T result = work.run(connection);
                connection.commit();
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
