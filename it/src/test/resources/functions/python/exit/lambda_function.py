# Prints a line, then leaves the process mid-invocation with sys.exit(event["code"], default 3); nothing is posted.
import sys


def lambda_handler(event, context):
    print("exiting now")
    sys.exit(event.get("code", 3))
