"""Failures as Lambda's Python runtime reports them: the error JSON, the stack-trace format and the log record.

Two kinds of failure reach the platform:
- a Fault, raised by the runtime itself with a `Runtime.*` type (bad handler string, import failure, result that
  cannot be encoded, ...); its stack trace is empty or a runtime-made one;
- any other exception, escaping user code, reported under its class name (`Exception`, `RuntimeError`, ...) with
  the user's frames. The runtime's own leading frames are cut, so the trace starts where user code (or importlib,
  for a module failing at import) begins, as on Lambda.
Both become `{"errorMessage", "errorType", "requestId", "stackTrace"}`; `requestId` is "" for an init failure.
"""
import os
import sys

IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
MARSHAL_ERROR = "Runtime.MarshalError"
UNMARSHAL_ERROR = "Runtime.UnmarshalError"
CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

# Lambda indents the traceback in its log record with no-break spaces, so log viewers keep the indentation.
_LOG_INDENT = "\u00a0"
_RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


class Fault(Exception):
    """A failure the runtime classifies itself; error_type is a `Runtime.*` name, stack_trace a list of str."""

    def __init__(self, error_type, message, stack_trace=None):
        Exception.__init__(self, message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace or []

    def body(self, request_id):
        """The error JSON (as a dict) for this fault."""
        return error_body(self.message, self.error_type, request_id, self.stack_trace)


def error_body(message, error_type, request_id, stack_trace):
    """The error JSON as Lambda's Python runtime shapes it, keys in its order."""
    return {"errorMessage": message, "errorType": error_type, "requestId": request_id, "stackTrace": stack_trace}


def exception_body(exc, request_id):
    """The error JSON for an exception escaping user code: class name, str(exc) and the user's frames."""
    return error_body(_message(exc), type(exc).__name__, request_id, user_stack(exc.__traceback__))


def user_stack(tb):
    """Formats a traceback like traceback.format_list does for plain (file, line, name, text) tuples.

    Lambda formats from tuples, so 3.11+ column carets never appear. Leading frames of this runtime are cut;
    if every frame is the runtime's, all are kept.
    """
    import traceback  # only failures pay for it (and for linecache behind it)
    frames = traceback.extract_tb(tb)
    for first, frame in enumerate(frames):
        if not _is_runtime_file(frame.filename):
            frames = frames[first:]
            break
    lines = []
    for frame in frames:
        text = '  File "{}", line {}, in {}\n'.format(frame.filename, frame.lineno, frame.name)
        if frame.line:
            text += "    {}\n".format(frame.line.strip())
        lines.append(text)
    return lines


def log_record(body):
    """The one-line log record Lambda writes for a failure: `[ERROR] <Type>: <msg>\\rTraceback ...\\n`."""
    head = "[ERROR]"
    if body["errorType"]:
        head += " " + body["errorType"]
    if body["errorMessage"]:
        if body["errorType"]:
            head += ":"
        head += " " + body["errorMessage"]
    lines = [head, "Traceback (most recent call last):"]
    for element in body["stackTrace"]:
        if element == "":
            lines.append("")
            continue
        for line in element.splitlines():
            stripped = line.lstrip(" ")
            lines.append(_LOG_INDENT * (len(line) - len(stripped)) + stripped)
    # One record is one line: any break left (inside the message) becomes \r, as Lambda's log sinks do.
    return "\r".join(lines).replace("\n", "\r") + "\n"


def _message(exc):
    try:
        return str(exc)
    except Exception:  # an exception whose __str__ fails still has to be reported
        return "<unprintable %s object>" % type(exc).__name__


def _is_runtime_file(filename):
    return os.path.abspath(filename).startswith(_RUNTIME_DIR)


def write_log_record(body):
    """Writes the failure's log record to stdout (where Lambda's runtime writes it)."""
    stream = sys.stdout
    try:
        stream.write(log_record(body))
    except Exception:  # user code may have replaced or closed stdout; the post still has to happen
        try:
            sys.__stdout__.write(log_record(body))
        except Exception:
            pass
