package io.stratus.store.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps the results of a store's hot reads (what every invocation or gateway request looks up) in memory for as long
 * as the database has not changed, so those paths do not queue behind the database's one connection or re-parse
 * stored JSON. Entries are tagged with the {@link Database#generation()} read before loading them: a write that
 * commits while a value loads moves the generation on, so that value is never served. Values must be immutable.
 *
 * @param <K> what identifies a read (a record of its arguments)
 * @param <V> what the read returns
 */
public final class ReadCache<K, V> {

    private record Entry<V>(long generation, V value) {
    }

    private final Database db;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** The generation the map last held entries of; older entries are dropped together so the map stays small. */
    private volatile long mapGeneration;

    public ReadCache(Database db) {
        this.db = db;
    }

    /** The cached value for {@code key}, or what {@code load} reads now. */
    public V get(K key, Supplier<V> load) {
        long now = db.generation();
        if (mapGeneration != now) {
            entries.clear();
            mapGeneration = now;
        }
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.generation() == now) {
            return entry.value();
        }
        V value = load.get();
        entries.put(key, new Entry<>(now, value));
        return value;
    }
}
