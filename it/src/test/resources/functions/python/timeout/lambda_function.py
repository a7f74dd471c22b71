# Waits event["ms"] (default 3000) ms; with a 1-2 s function timeout it times out.
import time


def lambda_handler(event, context):
    ms = event.get("ms", 3000)
    time.sleep(ms / 1000)
    return {"slept": ms}
