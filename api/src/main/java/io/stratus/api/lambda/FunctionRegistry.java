package io.stratus.api.lambda;

import io.stratus.api.JsonBody;
import io.stratus.model.error.ConstraintViolations;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.PreconditionFailedException;
import io.stratus.model.error.ResourceConflictException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.function.CodeRef;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionLayer;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionRef;
import io.stratus.model.function.AliasRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.model.function.FunctionVersion;
import io.stratus.model.function.Partition;
import io.stratus.store.function.FunctionStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The function-management operations of the Lambda API, independent of HTTP: create, read, update and delete
 * functions, with Lambda's validation, error wording, lifecycle states and optimistic locking.
 *
 * <p>Design notes. Every change is validated completely before anything is written, then committed in one store
 * transaction, so a failed request changes nothing. Updates are compare-and-set on the revision id read at the
 * start of the request: two concurrent updates cannot both win, and the loser gets the same 409 Lambda gives
 * while an update is in progress. Preparation after a change runs in {@link FunctionPreparer}.
 */
final class FunctionRegistry {

    static final String PUBLISH_ONLY_FUNCTIONS = "This operation is permitted on Lambda functions only. Aliases and"
            + " versions do not support this operation. Please specify either a function name or an unqualified"
            + " function ARN.";

    private final Partition partition;
    private final FunctionStore store;
    private final CodeIntake code;
    private final FunctionPreparer preparer;
    private final InstantSource clock;
    private final Function<String, FunctionLayer> layers;

    FunctionRegistry(Partition partition, FunctionStore store, CodeIntake code, FunctionPreparer preparer,
                     InstantSource clock, Function<String, FunctionLayer> layers) {
        this.layers = layers;
        this.partition = partition;
        this.store = store;
        this.code = code;
        this.preparer = preparer;
        this.clock = clock;
    }

    Partition partition() {
        return partition;
    }

    /** CreateFunction. */
    FunctionRecord create(JsonBody body) {
        ConstraintViolations violations = new ConstraintViolations();
        String rawName = body.string("FunctionName").orElse(null);
        violations.required(rawName, "functionName");
        violations.required(body.string("Role").orElse(null), "role");
        if (!body.has("Code")) {
            violations.required(null, "code");
        }
        violations.throwIfAny();
        FunctionRef ref = FunctionRef.parse(rawName, Optional.empty(), FunctionRef.Form.CREATE, partition);
        if (ref.qualifier().isPresent()) {
            throw new InvalidParameterValueException("A function name for CreateFunction cannot carry a qualifier: "
                    + rawName + ". Versions are created with PublishVersion.");
        }
        FunctionConfig.Builder builder = FunctionConfig.builder(ref.name());
        FunctionConfig defaults = builder.build();
        Optional<List<String>> requestedLayers = FunctionInputs.apply(body, builder, defaults, violations);
        FunctionInputs.architecture(body, violations).ifPresent(builder::architecture);
        body.string("PackageType").ifPresent(t -> violations.oneOf(t, "packageType", List.of("Zip", "Image")));
        Map<String, String> tags = body.stringMap("Tags").orElse(Map.of());
        Tagging.checkTags(tags, violations);
        violations.throwIfAny();
        if (body.string("PackageType").filter("Image"::equals).isPresent()) {
            throw new InvalidParameterValueException("Stratus runs deployment packages (PackageType Zip) only;"
                    + " container images are not supported.");
        }
        FunctionInputs.checkSemantics(builder.build(), true);
        FunctionConfig config = FunctionInputs.withLayers(builder.build(), requestedLayers, layers);
        Tagging.checkTagCount(tags.size());
        byte[] zip = code.zipBytes(body.object("Code").orElseThrow());
        return code.store(zip, codeRef -> {
            FunctionRecord record = new FunctionRecord(ref.name(), FunctionVersion.LATEST, config, codeRef,
                    newRevision(), clock.instant(), FunctionState.creating());
            if (!store.create(record, tags)) {
                throw new ResourceConflictException("Function already exist: " + ref.name());
            }
            preparer.schedule(record.name(), record.version());
            return record;
        });
    }

    /** The version a read names: {@code $LATEST} by default; an alias names the version it points to. */
    FunctionRecord get(FunctionRef ref) {
        String version = ref.qualifier().orElse(FunctionVersion.LATEST);
        if (isAliasName(version)) {
            version = store.findAlias(ref.name(), version).map(AliasRecord::functionVersion)
                    .orElseThrow(() -> new ResourceNotFoundException("Function not found: " + ref.arn(partition)));
        }
        return store.find(ref.name(), version)
                .orElseThrow(() -> new ResourceNotFoundException("Function not found: " + ref.arn(partition)));
    }

    /**
     * The version one invocation runs: the qualifier's version, or for an alias the version its routing picks
     * for this invocation.
     */
    FunctionRecord forInvocation(FunctionRef ref) {
        String qualifier = ref.qualifier().orElse(FunctionVersion.LATEST);
        if (!isAliasName(qualifier)) {
            return get(ref);
        }
        AliasRecord alias = store.findAlias(ref.name(), qualifier)
                .orElseThrow(() -> new ResourceNotFoundException("Function not found: " + ref.arn(partition)));
        String version = alias.pick(java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        return store.find(ref.name(), version)
                .orElseThrow(() -> new ResourceNotFoundException("Function not found: " + ref.arn(partition)));
    }

    static boolean isAliasName(String qualifier) {
        return !qualifier.equals(FunctionVersion.LATEST) && !qualifier.matches("\\d+");
    }

    /**
     * Publishes {@code $LATEST} as a new version, or answers the newest published version when neither code nor
     * configuration changed since it was published.
     *
     * @param duringChange true when called by a create or code update with {@code Publish}: $LATEST may still be
     *                     being prepared, and the version is prepared with it
     */
    FunctionRecord publish(String name, Optional<String> expectedSha, Optional<String> expectedRevision,
                           Optional<String> description, boolean duringChange) {
        // $LATEST's revision also moves when its background preparation finishes; that is no reason to refuse.
        for (int attempt = 0; ; attempt++) {
            try {
                return publishOnce(name, expectedSha, expectedRevision, description, duringChange);
            } catch (RevisionMoved e) {
                if (attempt == 4 || expectedRevision.isPresent()) {
                    throw updateInProgress(name);
                }
            }
        }
    }

    /** $LATEST changed between reading it and publishing it. */
    private static final class RevisionMoved extends RuntimeException {
        RevisionMoved() {
            super(null, null, false, false);
        }
    }

    private FunctionRecord publishOnce(String name, Optional<String> expectedSha, Optional<String> expectedRevision,
                                       Optional<String> description, boolean duringChange) {
        FunctionRecord latest = store.find(name, FunctionVersion.LATEST).orElseThrow(() ->
                new ResourceNotFoundException("Function not found: " + partition.functionArn(name)));
        if (!duringChange && (latest.state().state().equals(FunctionState.PENDING) || latest.state().preparing())) {
            throw updateInProgress(name);
        }
        if (expectedRevision.isPresent() && !expectedRevision.get().equals(latest.revisionId())) {
            throw new PreconditionFailedException("The Revision Id provided does not match the latest Revision Id."
                    + " Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
        // CodeSha256 is compared as Lambda shows it: base64.
        if (expectedSha.isPresent() && !expectedSha.get().equals(latest.code().sha256Base64())) {
            throw new InvalidParameterValueException("CodeSHA256 (" + expectedSha.get() + ") is different from"
                    + " current CodeSHA256 in $LATEST (" + latest.code().sha256Base64() + "). Please try again with"
                    + " the CodeSHA256 in $LATEST.");
        }
        Optional<FunctionRecord> newest = store.latestPublished(name);
        if (newest.isPresent() && newest.get().code().equals(latest.code())
                && newest.get().config().toBuilder().description(latest.config().description()).build()
                .equals(latest.config())) {
            return newest.get();
        }
        FunctionConfig config = latest.config().toBuilder()
                .description(description.orElse(latest.config().description())).build();
        FunctionRecord published = store.publish(name, latest.revisionId(), number -> new FunctionRecord(name,
                Integer.toString(number), config, latest.code(), newRevision(), clock.instant(), latest.state()))
                .orElseThrow(RevisionMoved::new);
        if (published.state().state().equals(FunctionState.PENDING) || published.state().preparing()) {
            preparer.schedule(name, published.version());
        }
        return published;
    }

    /** Every version of a function, {@code $LATEST} first. */
    List<FunctionRecord> versions(String name) {
        List<FunctionRecord> all = store.versions(name);
        if (all.isEmpty()) {
            throw new ResourceNotFoundException("Function not found: " + partition.functionArn(name));
        }
        return all;
    }

    /** One page of ListFunctions with FunctionVersion=ALL. */
    List<FunctionRecord> listAllVersions(Optional<Map.Entry<String, String>> after, int limit) {
        return store.listAllVersions(after, limit);
    }

    FunctionStore store() {
        return store;
    }

    /** Sets or removes a function's reserved concurrency; see {@link FunctionStore#reserveConcurrency}. */
    FunctionStore.Reservation reserveConcurrency(String name, java.util.OptionalInt reserved, int accountLimit,
                                                 int minUnreserved) {
        return store.reserveConcurrency(name, reserved, accountLimit, minUnreserved);
    }

    /** Reserved concurrency by function. */
    Map<String, Integer> reservedConcurrency() {
        return store.reservedConcurrency();
    }

    /** A version, if it exists. */
    Optional<FunctionRecord> find(String name, String version) {
        return store.find(name, version);
    }

    /** The tags of a function, or empty when it does not exist. */
    Optional<Map<String, String>> tags(String name) {
        return store.tags(name);
    }

    /** UpdateFunctionConfiguration. */
    FunctionRecord updateConfiguration(FunctionRef ref, JsonBody body) {
        FunctionRecord current = mutableLatest(ref, body.string("RevisionId"));
        ConstraintViolations violations = new ConstraintViolations();
        FunctionConfig.Builder builder = current.config().toBuilder();
        Optional<List<String>> requestedLayers = FunctionInputs.apply(body, builder, current.config(), violations);
        violations.throwIfAny();
        FunctionInputs.checkSemantics(builder.build(), body.has("Runtime"));
        FunctionConfig config = FunctionInputs.withLayers(builder.build(), requestedLayers, layers);
        return commit(current, current.updated(config, current.code(), newRevision(), clock.instant()));
    }

    /** UpdateFunctionCode. */
    FunctionRecord updateCode(FunctionRef ref, JsonBody body) {
        FunctionRecord current = mutableLatest(ref, body.string("RevisionId"));
        ConstraintViolations violations = new ConstraintViolations();
        Optional<String> architecture = FunctionInputs.architecture(body, violations);
        violations.throwIfAny();
        FunctionConfig.Builder builder = current.config().toBuilder();
        architecture.ifPresent(builder::architecture);
        FunctionConfig config = builder.build();
        byte[] zip = code.zipBytes(body);
        if (body.bool("DryRun").orElse(false)) {
            CodeRef checked = code.inspectOnly(zip);
            return current.updated(config, checked, current.revisionId(), current.lastModified());
        }
        FunctionRecord updated = code.store(zip, codeRef ->
                commit(current, current.updated(config, codeRef, newRevision(), clock.instant())));
        // Outside the store's read lock: release takes the write side.
        code.release(Set.of(current.code().sha256Hex()));
        return updated;
    }

    private FunctionRecord commit(FunctionRecord current, FunctionRecord updated) {
        if (!store.replace(updated, current.revisionId())) {
            throw updateInProgress(current.name());
        }
        preparer.schedule(updated.name(), updated.version());
        return updated;
    }

    /** Loads {@code $LATEST} for a change and checks the revision precondition and the lifecycle state. */
    private FunctionRecord mutableLatest(FunctionRef ref, Optional<String> expectedRevision) {
        if (!ref.isLatest()) {
            throw new InvalidParameterValueException(PUBLISH_ONLY_FUNCTIONS);
        }
        FunctionRecord current = store.find(ref.name(), FunctionVersion.LATEST).orElseThrow(() ->
                new ResourceNotFoundException("Function not found: " + partition.functionArn(ref.name())));
        if (expectedRevision.isPresent() && !expectedRevision.get().equals(current.revisionId())) {
            throw new PreconditionFailedException("The Revision Id provided does not match the latest Revision Id."
                    + " Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
        FunctionState state = current.state();
        if (state.state().equals(FunctionState.PENDING)) {
            throw new ResourceConflictException("The operation cannot be performed at this time. The function is"
                    + " currently in the following state: " + state.state());
        }
        if (state.preparing()) {
            throw updateInProgress(current.name());
        }
        return current;
    }

    private ResourceConflictException updateInProgress(String name) {
        return new ResourceConflictException("The operation cannot be performed at this time. An update is in"
                + " progress for resource: " + partition.functionArn(name));
    }

    /** DeleteFunction: the whole function, or (once versions exist) one published version. */
    void delete(FunctionRef ref) {
        Optional<String> qualifier = ref.qualifier();
        if (qualifier.filter(FunctionVersion.LATEST::equals).isPresent()) {
            throw new InvalidParameterValueException("$LATEST version cannot be deleted without deleting the"
                    + " function.");
        }
        if (qualifier.isPresent() && !qualifier.get().matches("\\d+")) {
            throw new InvalidParameterValueException("Deletion of aliases is not currently supported.");
        }
        String notFound = "Function not found: " + partition.functionArn(ref.name());
        if (qualifier.isPresent()) {
            // Deleting an absent version of an existing function succeeds, as in Lambda.
            store.find(ref.name(), FunctionVersion.LATEST).orElseThrow(() -> new ResourceNotFoundException(notFound));
            List<String> pointing = store.aliases(ref.name()).stream()
                    .filter(a -> a.functionVersion().equals(qualifier.get()) || a.weights().containsKey(qualifier.get()))
                    .map(AliasRecord::name).toList();
            if (!pointing.isEmpty()) {
                throw new ResourceConflictException("Unable to delete version because the following aliases refer"
                        + " to it: " + pointing);
            }
            store.deleteVersion(ref.name(), qualifier.get()).ifPresent(sha -> code.release(Set.of(sha)));
            return;
        }
        Set<String> released = store.delete(ref.name()).orElseThrow(() -> new ResourceNotFoundException(notFound));
        code.release(released);
    }

    /** One page of ListFunctions. */
    List<FunctionRecord> list(Optional<String> afterName, int limit) {
        return store.listLatest(afterName, limit);
    }

    /** Account usage for GetAccountSettings. */
    FunctionStore.Usage usage() {
        return store.usage();
    }

    /** Changes tags of an existing function; see {@link Tagging}. */
    Optional<Map<String, String>> changeTags(String name, java.util.function.UnaryOperator<Map<String, String>> change) {
        return store.changeTags(name, change, newRevision());
    }

    private static String newRevision() {
        return UUID.randomUUID().toString();
    }
}
