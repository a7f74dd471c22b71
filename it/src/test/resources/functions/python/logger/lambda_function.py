# Writes one print() line, one logging ERROR record, a two-line print() and text without a newline; returns
# "logged".
import logging
import sys

logger = logging.getLogger()


def lambda_handler(event, context):
    print("hello from the function")
    logger.error("an error line")
    print("line1\nline2")
    sys.stdout.write("the last words, without a newline")
    return "logged"
