# Takes 1.5 s to load (a slow init); each invocation waits event["ms"] (default 0) ms and tells which environment
# served it.
import os
import time

time.sleep(1.5)


def lambda_handler(event, context):
    time.sleep(event.get("ms", 0) / 1000)
    return {"pid": os.getpid(), "logStream": context.log_stream_name}
