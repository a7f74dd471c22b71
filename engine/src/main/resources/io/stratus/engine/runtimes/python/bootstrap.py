"""Stratus Python runtime client: `python3.X $LAMBDA_RUNTIME_DIR/bootstrap.py`, cwd = LAMBDA_TASK_ROOT.

Speaks only the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API). Kept to one import on purpose: the script run as
__main__ is compiled on every start, while the modules of stratus_runtime/ load from cached bytecode.
"""
from stratus_runtime.loop import main

main()
