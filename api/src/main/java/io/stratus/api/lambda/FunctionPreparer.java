package io.stratus.api.lambda;

import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.store.code.CodeBlobs;
import io.stratus.store.function.FunctionStore;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves function versions out of {@code Pending} / {@code InProgress} once their code is ready, as Lambda does
 * asynchronously after CreateFunction and the Update* calls: {@code Active} with {@code LastUpdateStatus
 * Successful} and a new revision id, or {@code Failed} with a reason.
 *
 * <p>Preparation today verifies the stored package against its hash; the execution engine adds unpacking.
 * The transition is a compare-and-set on the revision id, so a concurrent change is never overwritten: the
 * task re-reads and tries again. Work left over from a crash is found with {@link #resumeAll()}.
 */
final class FunctionPreparer {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionPreparer.class);
    private static final int MAX_ATTEMPTS = 10;

    private final FunctionStore store;
    private final CodeBlobs blobs;
    private final ExecutorService executor;
    private final java.util.function.Function<FunctionRecord, Optional<String>> runtimeProblem;

    /**
     * @param runtimeProblem why a version's runtime cannot run on this host, if it cannot
     */
    FunctionPreparer(FunctionStore store, CodeBlobs blobs, ExecutorService executor,
                     java.util.function.Function<FunctionRecord, Optional<String>> runtimeProblem) {
        this.store = store;
        this.blobs = blobs;
        this.executor = executor;
        this.runtimeProblem = runtimeProblem;
    }

    /** Prepares a version in the background. */
    void schedule(String name, String version) {
        try {
            executor.execute(() -> prepare(name, version));
        } catch (RejectedExecutionException e) {
            // Shutting down: the version stays preparing and is resumed at the next start.
            LOG.debug("preparation of {}:{} deferred to next start", name, version);
        }
    }

    /** Schedules every version still waiting for preparation. */
    void resumeAll() {
        store.preparing().forEach(r -> schedule(r.name(), r.version()));
    }

    private void prepare(String name, String version) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<FunctionRecord> found = store.find(name, version);
            if (found.isEmpty() || !found.get().state().preparing()) {
                return;
            }
            FunctionRecord current = found.get();
            FunctionState next = outcome(current);
            if (store.replace(current.withState(next, UUID.randomUUID().toString()), current.revisionId())) {
                return;
            }
        }
        LOG.warn("function={} version={} kept changing while being prepared; will retry at next start", name, version);
    }

    private FunctionState outcome(FunctionRecord r) {
        if (!blobs.intact(r.code().sha256Hex())) {
            LOG.error("function={} version={} code package {} is missing or damaged", r.name(), r.version(),
                    r.code().sha256Hex());
            return failed(r, "The function's code package is missing or damaged. Please upload the code again.",
                    "InvalidZipFileException");
        }
        Optional<String> runtime = runtimeProblem.apply(r);
        if (runtime.isPresent()) {
            return failed(r, runtime.get(), "InvalidRuntime");
        }
        return FunctionState.active();
    }

    private static FunctionState failed(FunctionRecord r, String reason, String code) {
        return r.state().state().equals(FunctionState.PENDING)
                ? FunctionState.createFailed(reason, code)
                : r.state().updateFailed(reason, code);
    }
}
