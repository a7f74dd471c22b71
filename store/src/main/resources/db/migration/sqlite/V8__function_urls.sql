-- Function URL configs: at most one per function and qualifier ('$LATEST' for the unqualified function, otherwise
-- an alias name). The url_id is the stable host label clients call. Cors is the wire JSON document (NULL when not
-- configured) so that new CORS fields need no migration.
CREATE TABLE function_urls (
    url_id           TEXT    NOT NULL PRIMARY KEY,
    function_name    TEXT    NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    qualifier        TEXT    NOT NULL,
    auth_type        TEXT    NOT NULL,
    cors             TEXT,
    invoke_mode      TEXT    NOT NULL,
    created_ms       INTEGER NOT NULL,
    last_modified_ms INTEGER NOT NULL,
    UNIQUE (function_name, qualifier)
);

