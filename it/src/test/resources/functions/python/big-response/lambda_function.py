# Returns a string of event["bytes"] (default 0) "x" characters; the JSON response is 2 bytes longer (the quotes).
def lambda_handler(event, context):
    return "x" * event.get("bytes", 0)
