/**
 * Durable state: store interfaces and their SQLite implementation, schema migrations, code packages.
 * The only module that uses JDBC. Depends on {@code model} only.
 */
package io.stratus.store;
