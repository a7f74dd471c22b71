# Prints nothing unless the event says so: event["say"] goes to sys.stdout.write, event["err"] to sys.stderr.write
# (each with a newline, no print or logging). Returns what it was asked to say, or "quiet".
import sys


def lambda_handler(event, context):
    if event.get("say"):
        sys.stdout.write(event["say"] + "\n")
    if event.get("err"):
        sys.stderr.write(event["err"] + "\n")
    return event.get("say", "quiet")
