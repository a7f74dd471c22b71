# Module-level state survives between invocations of one environment: 1, 2, 3... with the same pid.
import os

count = 0


def lambda_handler(event, context):
    global count
    count += 1
    return {"count": count, "pid": os.getpid()}
