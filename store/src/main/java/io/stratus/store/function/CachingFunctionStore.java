package io.stratus.store.function;

import io.stratus.model.function.AliasRecord;
import io.stratus.model.function.FunctionRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Keeps the two reads every invocation makes — a version by name and an alias by name — in memory, so the
 * synchronous invoke path does not queue behind the database's one connection. Every write through this store
 * empties the cache after it commits; this server is the only writer of its database.
 *
 * <p>A read racing a write cannot leave a stale entry behind: a reader stores its result, then checks that no write
 * finished meanwhile ({@link #generation}) and drops the entry if one did; a writer bumps the generation after its
 * commit and then empties the cache, so whichever order the two interleave in, the stale entry goes.
 */
public final class CachingFunctionStore implements FunctionStore {

    private record Key(String function, String qualifier, boolean alias) {
    }

    private final FunctionStore delegate;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<Key, Optional<?>> cache = new ConcurrentHashMap<>();

    public CachingFunctionStore(FunctionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<FunctionRecord> find(String name, String version) {
        return cached(new Key(name, version, false), () -> delegate.find(name, version));
    }

    @Override
    public Optional<AliasRecord> findAlias(String functionName, String name) {
        return cached(new Key(functionName, name, true), () -> delegate.findAlias(functionName, name));
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(Key key, Supplier<Optional<T>> read) {
        Optional<?> hit = cache.get(key);
        if (hit != null) {
            return (Optional<T>) hit;
        }
        long before = generation.get();
        Optional<T> value = read.get();
        cache.put(key, value);
        if (generation.get() != before) {
            cache.remove(key);
        }
        return value;
    }

    /** Runs a write, then forgets everything cached (also when the write failed part-way: nothing is assumed). */
    private <T> T write(Supplier<T> change) {
        try {
            return change.get();
        } finally {
            generation.incrementAndGet();
            cache.clear();
        }
    }

    @Override
    public boolean create(FunctionRecord latest, Map<String, String> tags) {
        return write(() -> delegate.create(latest, tags));
    }

    @Override
    public boolean replace(FunctionRecord updated, String expectedRevisionId) {
        return write(() -> delegate.replace(updated, expectedRevisionId));
    }

    @Override
    public Optional<Set<String>> delete(String name) {
        return write(() -> delegate.delete(name));
    }

    @Override
    public List<FunctionRecord> listLatest(Optional<String> afterName, int limit) {
        return delegate.listLatest(afterName, limit);
    }

    @Override
    public Optional<Map<String, String>> tags(String name) {
        return delegate.tags(name);
    }

    @Override
    public Optional<Map<String, String>> changeTags(String name, UnaryOperator<Map<String, String>> change,
                                                    String newLatestRevisionId) {
        return write(() -> delegate.changeTags(name, change, newLatestRevisionId));
    }

    @Override
    public List<FunctionRecord> preparing() {
        return delegate.preparing();
    }

    @Override
    public Set<String> referencedCode() {
        return delegate.referencedCode();
    }

    @Override
    public boolean referencesCode(String sha256Hex) {
        return delegate.referencesCode(sha256Hex);
    }

    @Override
    public Usage usage() {
        return delegate.usage();
    }

    @Override
    public Reservation reserveConcurrency(String name, OptionalInt reserved, int accountLimit, int minUnreserved) {
        return write(() -> delegate.reserveConcurrency(name, reserved, accountLimit, minUnreserved));
    }

    @Override
    public Map<String, Integer> reservedConcurrency() {
        return delegate.reservedConcurrency();
    }

    @Override
    public Optional<FunctionRecord> publish(String name, String latestRevisionId,
                                            IntFunction<FunctionRecord> versionOf) {
        return write(() -> delegate.publish(name, latestRevisionId, versionOf));
    }

    @Override
    public Optional<FunctionRecord> latestPublished(String name) {
        return delegate.latestPublished(name);
    }

    @Override
    public List<FunctionRecord> versions(String name) {
        return delegate.versions(name);
    }

    @Override
    public List<FunctionRecord> listAllVersions(Optional<Map.Entry<String, String>> afterNameAndVersion, int limit) {
        return delegate.listAllVersions(afterNameAndVersion, limit);
    }

    @Override
    public Optional<String> deleteVersion(String name, String version) {
        return write(() -> delegate.deleteVersion(name, version));
    }

    @Override
    public boolean createAlias(AliasRecord alias) {
        return write(() -> delegate.createAlias(alias));
    }

    @Override
    public boolean replaceAlias(AliasRecord alias, String expectedRevisionId) {
        return write(() -> delegate.replaceAlias(alias, expectedRevisionId));
    }

    @Override
    public boolean deleteAlias(String functionName, String name) {
        return write(() -> delegate.deleteAlias(functionName, name));
    }

    @Override
    public List<AliasRecord> aliases(String functionName) {
        return delegate.aliases(functionName);
    }

    @Override
    public void putProvisioned(Provisioned config) {
        write(() -> {
            delegate.putProvisioned(config);
            return null;
        });
    }

    @Override
    public boolean deleteProvisioned(String functionName, String qualifier) {
        return write(() -> delegate.deleteProvisioned(functionName, qualifier));
    }

    @Override
    public List<Provisioned> provisioned(Optional<String> functionName) {
        return delegate.provisioned(functionName);
    }
}
