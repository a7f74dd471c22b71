"""The runtime's life: set up output and sys.path, load the handler (init), then serve invocations forever.

A failed init is logged, posted to /runtime/init/error and ends the process with status 1, as Lambda's runtime
does. A failed invocation is logged and posted to /invocation/{id}/error, and the loop goes on. Only `Exception`
is caught around user code: SystemExit (sys.exit), KeyboardInterrupt and other BaseExceptions end the process,
which the platform reports as Runtime.ExitError. A Runtime API that answers next with anything but 200, or that
cannot be reached, ends the process with status 1.
"""
import os
import sys

from . import faults, logs, payload, wire
from .context import FunctionInfo, LambdaContext

_EXIT_RUNTIME_FAILURE = 1
_TRACE_ID = "_X_AMZN_TRACE_ID"


def main():
    """Entry point called by bootstrap.py."""
    logs.line_buffer_stdio()
    try:
        api = wire.RuntimeApi(os.environ.get("AWS_LAMBDA_RUNTIME_API", ""))
    except ValueError as e:
        _fatal(e)
    if os.environ.get("STRATUS_SPARE") == "1":
        _adopt(api)
    state = logs.RequestState()
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    _set_sys_path(task_root, os.environ.get("STRATUS_OPT_DIR") or "/opt")
    logs.configure_logging_on_import(state)
    request_handler = _init(api, os.environ.get("_HANDLER", ""))
    function = FunctionInfo()
    try:
        while True:
            _invoke(api, request_handler, function, state, api.next())
    except (wire.ApiError, OSError) as e:
        _fatal(e)


def _adopt(api):
    """A pre-started runtime waits for the function that adopts it, then takes that function's environment."""
    import json
    try:
        environment = json.loads(api.adopt().body)
    except (wire.ApiError, OSError, ValueError) as e:
        _fatal(e)
    os.environ.clear()
    os.environ.update(environment)


def _set_sys_path(task_root, opt_dir):
    """Lambda's order: the function's code, then the layers' python dirs, then the runtime and the interpreter's.

    Entries already present (the runtime dir appears twice: as the script's dir and from PYTHONPATH) are kept
    once, at their first place.
    """
    version = "python%d.%d" % sys.version_info[:2]
    first = [task_root, opt_dir + "/python/lib/" + version + "/site-packages", opt_dir + "/python"]
    seen = set(first)
    rest = []
    for entry in sys.path:
        if entry not in seen:
            seen.add(entry)
            rest.append(entry)
    sys.path[:] = first + rest


def _init(api, handler_string):
    from . import handler  # importlib and the handler rules are needed once
    try:
        return handler.load(handler_string)
    except faults.Fault as fault:
        body = fault.body("")
    except Exception as e:
        body = faults.exception_body(e, "")
    faults.write_log_record(body)
    logs.flush_stdio()
    try:
        api.post_init_error(payload.encode_error(body), body["errorType"])
    except (wire.ApiError, OSError):
        pass  # exiting either way; the platform reports the exit
    sys.exit(_EXIT_RUNTIME_FAILURE)


def _invoke(api, request_handler, function, state, reply):
    headers = reply.headers
    request_id = headers.get("lambda-runtime-aws-request-id", "")
    state.request_id = request_id
    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id:
        os.environ[_TRACE_ID] = trace_id
    elif _TRACE_ID in os.environ:
        del os.environ[_TRACE_ID]
    try:
        context = _context(function, request_id, headers)
        event = payload.decode_event(reply.body, headers.get("content-type"))
        body, content_type = payload.encode_result(request_handler(event, context))
    except faults.Fault as fault:
        error = fault.body(request_id)
    except Exception as e:
        error = faults.exception_body(e, request_id)
    else:
        logs.flush_stdio()
        api.post_response(request_id, body, content_type)
        return
    faults.write_log_record(error)
    logs.flush_stdio()
    api.post_error(request_id, payload.encode_error(error), error["errorType"])


def _context(function, request_id, headers):
    deadline = headers.get("lambda-runtime-deadline-ms")
    return LambdaContext(
        function, request_id, int(deadline) if deadline else 0,
        headers.get("lambda-runtime-invoked-function-arn"),
        _json_header(headers, "lambda-runtime-client-context", "Client Context"),
        _json_header(headers, "lambda-runtime-cognito-identity", "Cognito Identity"),
        headers.get("lambda-runtime-aws-tenant-id"))


def _json_header(headers, name, label):
    value = headers.get(name)
    if not value:
        return None
    try:
        return payload.loads(_utf8_header(value))
    except Exception as e:
        raise faults.Fault(faults.CONTEXT_UNMARSHAL_ERROR, "Unable to parse %s JSON: %s" % (label, e))


def _utf8_header(value):
    # Header bytes were read as Latin-1. The JSON in them is normally UTF-8 (as AWS sends it); a server writing
    # Latin-1 header values sends bytes that do not decode as UTF-8, and those are taken as they came.
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _fatal(error):
    logs.flush_stdio()
    sys.stderr.write("Stratus runtime failure: %s\n" % str(error).replace("\n", "\r"))
    sys.stderr.flush()
    sys.exit(_EXIT_RUNTIME_FAILURE)
