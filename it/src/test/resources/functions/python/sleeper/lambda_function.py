# Waits event["ms"] (default 500) ms; the log stream and pid tell environments apart under concurrency.
import os
import time


def lambda_handler(event, context):
    time.sleep(event.get("ms", 500) / 1000)
    return {"logStream": os.environ["AWS_LAMBDA_LOG_STREAM_NAME"], "pid": os.getpid()}
