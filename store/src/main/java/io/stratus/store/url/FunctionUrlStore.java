package io.stratus.store.url;

import java.util.List;
import java.util.Optional;

/** Function URL configs. Implementations are thread-safe; every call is one transaction. */
public interface FunctionUrlStore {

    /**
     * One stored config.
     *
     * @param urlId          the 32-character id in the URL's host name
     * @param functionName   the function
     * @param qualifier      {@code $LATEST} for the unqualified function, otherwise an alias name
     * @param authType       {@code NONE} or {@code AWS_IAM}
     * @param cors           the CORS settings as their wire JSON, when configured
     * @param invokeMode     {@code BUFFERED} or {@code RESPONSE_STREAM}
     * @param createdMs      creation time, epoch milliseconds
     * @param lastModifiedMs last update, epoch milliseconds
     */
    record StoredUrl(String urlId, String functionName, String qualifier, String authType, Optional<String> cors,
                     String invokeMode, long createdMs, long lastModifiedMs) {
    }

    /** Stores a new config; false when the function and qualifier already have one. */
    boolean insert(StoredUrl url);

    /** Replaces the mutable fields of the config with the same url-id; false when it no longer exists. */
    boolean update(StoredUrl url);

    /** The config of a function and qualifier. */
    Optional<StoredUrl> find(String functionName, String qualifier);

    /** The config a URL's host name or path addresses. */
    Optional<StoredUrl> byUrlId(String urlId);

    /** Deletes the config of a function and qualifier; false when there was none. */
    boolean delete(String functionName, String qualifier);

    /** A function's configs in creation order, starting after the url-id {@code after}, at most {@code limit}. */
    List<StoredUrl> list(String functionName, Optional<String> after, int limit);
}
