-- The console's saved test events: named JSON documents per function, as the Lambda console keeps them. They go
-- with their function. The event is kept as the text the user saved (already checked to be JSON).
CREATE TABLE console_test_events (
    function_name    TEXT    NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    name             TEXT    NOT NULL,
    event            TEXT    NOT NULL,
    last_modified_ms INTEGER NOT NULL,
    PRIMARY KEY (function_name, name)
);
