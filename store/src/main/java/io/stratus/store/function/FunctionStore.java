package io.stratus.store.function;

import io.stratus.model.function.FunctionRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Durable functions, their versions and their tags. Every method is one transaction; implementations are
 * thread-safe. Conflicts are reported as return values, not exceptions, so that the caller decides which AWS
 * error they are.
 */
public interface FunctionStore {

    /**
     * Inserts a new function with its {@code $LATEST} version and tags.
     *
     * @return false, changing nothing, when a function with that name exists
     */
    boolean create(FunctionRecord latest, Map<String, String> tags);

    /** One version of a function. */
    Optional<FunctionRecord> find(String name, String version);

    /**
     * Replaces a version, provided its stored revision is still {@code expectedRevisionId} (compare-and-set).
     *
     * @return false, changing nothing, when the version is gone or its revision moved on
     */
    boolean replace(FunctionRecord updated, String expectedRevisionId);

    /**
     * Deletes a function with all its versions and tags.
     *
     * @return the SHA-256 hex of the code packages its versions used, or empty when there was no such function
     */
    Optional<Set<String>> delete(String name);

    /** {@code $LATEST} of up to {@code limit} functions whose names sort after {@code afterName}, by name. */
    List<FunctionRecord> listLatest(Optional<String> afterName, int limit);

    /** The tags of a function, or empty when the function does not exist. */
    Optional<Map<String, String>> tags(String name);

    /**
     * Changes the tags of a function atomically and gives its {@code $LATEST} version a new revision id, as
     * Lambda does. {@code change} may throw to refuse the change; nothing is written then.
     *
     * @return the new tags, or empty when the function does not exist
     */
    Optional<Map<String, String>> changeTags(String name, UnaryOperator<Map<String, String>> change,
                                             String newLatestRevisionId);

    /** Versions whose code or configuration is still being prepared (after a restart: work to resume). */
    List<FunctionRecord> preparing();

    /** SHA-256 hex of every code package some version refers to: its own code and the packages of its layers. */
    Set<String> referencedCode();

    /** True when some version refers to the code package {@code sha256Hex}, as its code or a layer's. */
    boolean referencesCode(String sha256Hex);

    /** Counts for GetAccountSettings. */
    Usage usage();

    /**
     * Account usage.
     *
     * @param functionCount  number of functions
     * @param totalCodeBytes sum of the package sizes of all versions
     */
    record Usage(long functionCount, long totalCodeBytes) {
    }

    /**
     * Sets (a value) or removes (empty) a function's reserved concurrency, in one transaction with the check that
     * the account's unreserved pool keeps at least {@code minUnreserved} of {@code accountLimit}.
     */
    Reservation reserveConcurrency(String name, java.util.OptionalInt reserved, int accountLimit, int minUnreserved);

    /** Reserved concurrency of every function that has one. */
    Map<String, Integer> reservedConcurrency();

    /** What {@link #reserveConcurrency} did. */
    enum Reservation { DONE, NO_SUCH_FUNCTION, BELOW_MINIMUM }

    /**
     * Publishes a version: in one transaction, checks that {@code $LATEST} still has {@code latestRevisionId},
     * takes the function's next version number and inserts the record {@code versionOf} builds for it.
     *
     * @return the new version, or empty when {@code $LATEST} changed meanwhile (nothing is written)
     */
    Optional<FunctionRecord> publish(String name, String latestRevisionId,
                                     java.util.function.IntFunction<FunctionRecord> versionOf);

    /** The function's highest-numbered published version. */
    Optional<FunctionRecord> latestPublished(String name);

    /** Every version of a function: {@code $LATEST} first, then published ones by number. */
    List<FunctionRecord> versions(String name);

    /**
     * Versions of all functions in (name, version) order, after the given position, for ListFunctions with
     * {@code FunctionVersion=ALL}.
     */
    List<FunctionRecord> listAllVersions(Optional<Map.Entry<String, String>> afterNameAndVersion, int limit);

    /**
     * Deletes one published version.
     *
     * @return the code package it used, or empty when there was no such version
     */
    Optional<String> deleteVersion(String name, String version);

    /** Inserts an alias; false when one with that name exists. */
    boolean createAlias(io.stratus.model.function.AliasRecord alias);

    /** One alias. */
    Optional<io.stratus.model.function.AliasRecord> findAlias(String functionName, String name);

    /** Replaces an alias if its revision is still {@code expectedRevisionId}. */
    boolean replaceAlias(io.stratus.model.function.AliasRecord alias, String expectedRevisionId);

    /** Deletes an alias; false when there was none. */
    boolean deleteAlias(String functionName, String name);

    /** The aliases of a function, by name. */
    List<io.stratus.model.function.AliasRecord> aliases(String functionName);

    /** Sets the provisioned concurrency of a version or alias (replacing any earlier setting). */
    void putProvisioned(Provisioned config);

    /** Removes it; false when there was none. */
    boolean deleteProvisioned(String functionName, String qualifier);

    /** Provisioned concurrency settings: of one function, or of all functions when the name is empty. */
    List<Provisioned> provisioned(Optional<String> functionName);

    /**
     * A provisioned concurrency setting.
     *
     * @param functionName   the function
     * @param qualifier      the published version or alias
     * @param requested      how many sandboxes to keep initialised
     * @param lastModified   when it was set
     */
    record Provisioned(String functionName, String qualifier, int requested, java.time.Instant lastModified) {
    }
}
