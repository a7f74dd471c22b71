# Writes one print() line, one logging ERROR record and a two-line print(); returns "logged".
import logging

logger = logging.getLogger()


def lambda_handler(event, context):
    print("hello from the function")
    logger.error("an error line")
    print("line1\nline2")
    return "logged"
