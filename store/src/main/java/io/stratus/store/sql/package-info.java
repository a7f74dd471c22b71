/** Database access: transactions over SQLite (embedded, default) and, later, PostgreSQL; schema migrations. */
package io.stratus.store.sql;
