/**
 * Durable layer versions and their permission policies: the {@code LayerStore} contract and its SQL
 * implementation. Knows nothing of functions beyond the code packages their configurations name.
 */
package io.stratus.store.layer;
