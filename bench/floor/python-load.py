# Floor for Python cold starts: start the interpreter and import the handler, nothing else.
# Usage: python3 python-load.py HANDLER_DIR
import sys

sys.path.insert(0, sys.argv[1])
import lambda_function  # noqa: E402,F401
