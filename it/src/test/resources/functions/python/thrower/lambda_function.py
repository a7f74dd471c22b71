# Always fails with Exception("boom"), or ValueError("bad input") for {"custom": true}.
def lambda_handler(event, context):
    if isinstance(event, dict) and event.get("custom"):
        raise ValueError("bad input")
    raise Exception("boom")
