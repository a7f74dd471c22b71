package io.stratus.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A relational database the stores run their statements on. Implementations decide how connections are shared
 * (one guarded connection for SQLite, a pool for PostgreSQL); stores only see transactions.
 */
public interface Database extends AutoCloseable {

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws io.stratus.store.StoreException when the database fails; exceptions thrown by {@code work} itself
     *                                         (other than {@link SQLException}) pass through unchanged
     */
    <T> T inTransaction(Work<T> work);

    /**
     * {@link #inTransaction} for tables no {@link ReadCache} reads (queue messages): its changes leave
     * {@link #generation()} where it was, so a busy queue does not empty the caches of the invoke path.
     */
    <T> T inUncachedTransaction(Work<T> work);

    /**
     * A number that changes after every committed transaction that changed rows, and only then. {@link ReadCache}
     * keys cached reads on it. It sees this process's writes only: a database shared by several servers needs a
     * shared change counter before reads may be cached.
     */
    long generation();

    @Override
    void close();

    /** Statements run inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
