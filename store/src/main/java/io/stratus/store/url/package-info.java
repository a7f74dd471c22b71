/** Durable function URL configs, addressable by function and qualifier and by url-id. */
package io.stratus.store.url;
