package io.stratus.api.lambda;

import io.stratus.api.JsonBody;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.InvalidRequestContentException;
import io.stratus.model.error.RequestEntityTooLargeException;
import io.stratus.model.function.CodeRef;
import io.stratus.store.code.CodeBlobs;
import io.stratus.store.code.ZipInspector;
import io.stratus.store.function.FunctionStore;
import io.stratus.store.layer.LayerStore;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes deployment packages in: decodes {@code ZipFile}, enforces the zipped-size limit, inspects the zip, stores it
 * content-addressed, and lets the caller commit the reference; removes packages nothing refers to any more.
 *
 * <p>Removal is targeted on the request path: a change releases the packages it may have orphaned (the replaced
 * code, a deleted function's code, a package stored for a refused change), and each is deleted only if no version
 * refers to it. The full sweep over every stored package runs once, at start, for what a crash left behind.
 *
 * <p>Locking: storing a package and committing the reference to it happen under the read side of
 * {@link #collection}; removal takes the write side, so it can never delete a package between its arrival and the
 * commit that makes it referenced.
 */
final class CodeIntake {

    private static final Logger LOG = LoggerFactory.getLogger(CodeIntake.class);

    private final CodeBlobs blobs;
    private final FunctionStore store;
    private final LayerStore layers;
    private final ZipInspector inspector;
    private final long maxZippedBytes;
    private final ReentrantReadWriteLock collection = new ReentrantReadWriteLock();

    CodeIntake(CodeBlobs blobs, FunctionStore store, LayerStore layers, LambdaLimits limits) {
        this.blobs = blobs;
        this.store = store;
        this.layers = layers;
        this.inspector = new ZipInspector(limits.maxUnzippedBytes());
        this.maxZippedBytes = limits.maxZippedBytes();
    }

    /**
     * The zip bytes a request carries in {@code ZipFile}, or the error Lambda gives for the other sources.
     *
     * @param code the object holding {@code ZipFile}/{@code S3Bucket}/{@code ImageUri} members
     */
    byte[] zipBytes(JsonBody code) {
        if (code.has("ImageUri")) {
            throw new InvalidParameterValueException("Stratus runs deployment packages (PackageType Zip) only;"
                    + " container images are not supported. Please provide the code as ZipFile.");
        }
        if (code.has("S3Bucket") || code.has("S3Key")) {
            // No object store is attached to this platform yet, so no bucket exists: answer as Lambda does.
            throw new InvalidParameterValueException("Error occurred while GetObject. S3 Error Code: NoSuchBucket."
                    + " S3 Error Message: The specified bucket does not exist");
        }
        String encoded = code.string("ZipFile").orElseThrow(() ->
                new InvalidParameterValueException("Please provide a source for function code."));
        byte[] zip;
        try {
            zip = Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestContentException("Could not parse request body into json: ZipFile is not valid"
                    + " base64: " + e.getMessage());
        }
        if (zip.length > maxZippedBytes) {
            throw new RequestEntityTooLargeException("Zipped size must be smaller than " + maxZippedBytes + " bytes");
        }
        return zip;
    }

    /** Inspects a package without keeping it (DryRun). */
    CodeRef inspectOnly(byte[] zip) {
        CodeRef checked;
        collection.readLock().lock();
        try {
            checked = blobs.put(zip, inspector::inspect);
        } finally {
            collection.readLock().unlock();
        }
        release(Set.of(checked.sha256Hex()));
        return checked;
    }

    /**
     * Stores a package and runs {@code commit} with its reference before garbage collection can see it.
     *
     * @throws InvalidParameterValueException when the package is rejected; nothing is kept then
     */
    <T> T store(byte[] zip, Function<CodeRef, T> commit) {
        CodeRef stored = null;
        boolean committed = false;
        collection.readLock().lock();
        try {
            stored = blobs.put(zip, inspector::inspect);
            T result = commit.apply(stored);
            committed = true;
            return result;
        } finally {
            collection.readLock().unlock();
            if (stored != null && !committed) {
                // Stored for a change that was then refused: keep nothing of it unless another version uses it.
                release(Set.of(stored.sha256Hex()));
            }
        }
    }

    /**
     * Deletes those of {@code sha256Hexes} that no function version or layer version refers to (a function version
     * refers to its code and to the packages of its layers). Call after a change has committed
     * (or was refused), outside {@link #store}.
     */
    void release(Set<String> sha256Hexes) {
        collection.writeLock().lock();
        try {
            for (String sha : sha256Hexes) {
                if (!store.referencesCode(sha) && !layers.referencesCode(sha)) {
                    blobs.delete(sha);
                }
            }
        } finally {
            collection.writeLock().unlock();
        }
    }

    /**
     * Deletes every package no function version or layer version refers to: the sweep for crash leftovers (and for
     * packages of deleted layer versions that functions stopped using), run at start.
     */
    void collectGarbage() {
        collection.writeLock().lock();
        try {
            Set<String> unreferenced = new HashSet<>(blobs.all());
            unreferenced.removeAll(store.referencedCode());
            unreferenced.removeAll(layers.referencedCode());
            unreferenced.forEach(blobs::delete);
            if (!unreferenced.isEmpty()) {
                LOG.debug("removed {} unreferenced code packages", unreferenced.size());
            }
        } finally {
            collection.writeLock().unlock();
        }
    }
}
