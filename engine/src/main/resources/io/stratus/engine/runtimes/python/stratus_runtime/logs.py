"""Function output: stdio buffering and Lambda's configuration of the `logging` module.

stdout/stderr are switched to line buffering. A pipe is block-buffered by default, and a line still in the buffer
when the server kills the process (timeout, out of memory) would be lost; Lambda's runtime flushes every write.
The invoke loop also flushes both streams before each post, because the server attributes output to an
invocation by its arrival before the response. Both streams also note when they write, so that a post needs an
output fence only after output (see wire.py).

`logging` costs several milliseconds to import, and most functions never use it. Instead of importing it at
start, the runtime puts a finder first on sys.meta_path that notices the first `import logging` (by user code or
a library) and configures the module right after it executed, before the importer sees it. From the user's
point of view the root logger is set up exactly as on Lambda: one handler writing
`[LEVEL]\\t<UTC time>.<ms>Z\\t<request id>\\t<message>` to stdout, level WARNING unless AWS_LAMBDA_LOG_LEVEL names
one, every record's line breaks turned into \\r so that one record stays one line.
"""
import io
import os
import sys
import time

_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s"
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"


class RequestState:
    """The request id the logging filter stamps on records: "" before the first invocation, then the latest one's
    (records written between invocations carry it, as on Lambda)."""

    __slots__ = ("request_id",)

    def __init__(self):
        self.request_id = ""


# Whether output went to fd 1 or 2 through sys.stdout/sys.stderr since the last take_written(); True at start
# (the interpreter or user code may have written already) and for good when the streams cannot be watched.
_written = True
_unwatched = False


class _WatchedPipe(io.FileIO):
    """The raw stream under sys.stdout or sys.stderr: notes each write."""

    def write(self, data):
        global _written
        _written = True
        return super().write(data)


def line_buffer_stdio():
    """Makes stdout and stderr flush at every line, through raw streams that note each write."""
    global _unwatched
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            stream.flush()
            watched = io.TextIOWrapper(io.BufferedWriter(_WatchedPipe(stream.fileno(), "wb", closefd=False)),
                                       encoding=stream.encoding, errors=stream.errors, line_buffering=True)
        except (AttributeError, ValueError, OSError, io.UnsupportedOperation):  # no file descriptor under it
            _unwatched = True
            try:
                stream.reconfigure(line_buffering=True)
            except (AttributeError, ValueError, OSError):  # not a TextIOWrapper, or already written to
                pass
            continue
        setattr(sys, name, watched)
        setattr(sys, "__%s__" % name, watched)


def take_written():
    """True when output was written since the last call (always, when the streams are not watched)."""
    global _written
    written = _written or _unwatched
    _written = False
    return written


def flush_stdio():
    """Pushes whatever the function wrote (including a last partial line) into the pipes."""
    out, err = sys.stdout, sys.stderr
    streams = (out, err) if out is sys.__stdout__ and err is sys.__stderr__ else (
        out, err, sys.__stdout__, sys.__stderr__)  # user code swapped a stream: the pipes' buffers count too
    for stream in streams:
        try:
            stream.flush()
        except Exception:  # replaced or closed by user code: nothing of ours to flush there
            pass


def configure_logging_on_import(state):
    """Arranges for `logging` to be configured as on Lambda when first imported (at once if already loaded)."""
    if "logging" in sys.modules:
        _configure(sys.modules["logging"], state)
    else:
        sys.meta_path.insert(0, _LoggingImportHook(state))


class _LoggingImportHook:
    """A meta-path finder that only waits for `logging`, then removes itself."""

    def __init__(self, state):
        self._state = state

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        spec = _find_spec_after(name, path, target)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        state = self._state
        if isinstance(loader, type):  # a class-level loader (frozen, built-in) must not be patched in place
            spec.loader = _ConfiguringLoader(loader, state)
            return spec

        def exec_module(module):
            del loader.exec_module  # back to the loader's own method, for reloads
            loader.exec_module(module)
            _configure(module, state)

        loader.exec_module = exec_module
        return spec


class _ConfiguringLoader:
    """Delegates to another loader and configures the module once it executed."""

    def __init__(self, loader, state):
        self._loader = loader
        self._state = state

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        _configure(module, self._state)

    def __getattr__(self, name):
        return getattr(self._loader, name)


def _find_spec_after(name, path, target):
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is not None:
            spec = find_spec(name, path, target)
            if spec is not None:
                return spec
    return None


def _configure(logging, state):
    """Gives the root logger Lambda's handler; `logging` is the just-executed module."""

    class LambdaLogHandler(logging.Handler):
        """Writes each record as one stdout line (written at call time: user code may swap sys.stdout)."""

        def emit(self, record):
            try:
                sys.stdout.write(self.format(record).replace("\n", "\r") + "\n")
            except Exception:
                self.handleError(record)

    def add_request_id(record):
        # Set on the record itself, so user handlers added after this one may use %(aws_request_id)s too.
        record.aws_request_id = state.request_id
        return True

    # Lambda switches every formatter to UTC, not only its own.
    logging.Formatter.converter = time.gmtime
    handler = LambdaLogHandler()
    handler.setFormatter(logging.Formatter(_FORMAT, _DATE_FORMAT))
    handler.addFilter(add_request_id)
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level and isinstance(logging.getLevelName(level), int):
        root.setLevel(level)
