/** Durable functions, versions and tags: the {@code FunctionStore} contract and its SQL implementation. */
package io.stratus.store.function;
