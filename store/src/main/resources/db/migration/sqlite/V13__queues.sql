-- The SQS-compatible queue service. A queue row holds the attributes a client may set (a JSON object of strings,
-- exactly as sent) and its tags; everything AWS computes (ARN, counts, timestamps) is derived.
CREATE TABLE sqs_queues (
    name        TEXT    NOT NULL PRIMARY KEY,
    attributes  TEXT    NOT NULL,
    tags        TEXT    NOT NULL,
    created_ms  INTEGER NOT NULL,
    modified_ms INTEGER NOT NULL
);

-- Messages, committed before SendMessage answers. visible_ms is when the message may next be received: the send
-- time plus its delay, then the end of each visibility timeout. receipt is the token of the latest receive; a
-- redriven message keeps its id, send time and receive count and only changes queue_name.
CREATE TABLE sqs_messages (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    queue_name        TEXT    NOT NULL,
    id                TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    attributes        TEXT    NOT NULL,
    system_attributes TEXT    NOT NULL,
    sent_ms           INTEGER NOT NULL,
    visible_ms        INTEGER NOT NULL,
    receive_count     INTEGER NOT NULL DEFAULT 0,
    first_receive_ms  INTEGER,
    receipt           TEXT
);
CREATE INDEX sqs_messages_visible ON sqs_messages (queue_name, visible_ms);

-- The outcome of an asynchronous event's last attempt, kept while it waits for a retry so that a record sent when
-- the event then expires carries that attempt's error, as Lambda's EventAgeExceeded records do.
ALTER TABLE async_events ADD COLUMN last_function_error TEXT;
ALTER TABLE async_events ADD COLUMN last_response BLOB;
