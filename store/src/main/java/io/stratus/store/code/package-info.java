/**
 * Deployment packages: content-addressed storage on disk and the safety inspection every package passes
 * before it is kept. Knows nothing about functions or the database.
 */
package io.stratus.store.code;
