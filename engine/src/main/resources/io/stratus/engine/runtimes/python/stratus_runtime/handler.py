"""Resolves the handler string (`[pkg/]module.function`) to a callable, failing the way Lambda's runtime does.

The string splits at its last dot; `/` in the module part reads as `.`, so `app/handlers/main.handler` and
`app.handlers.main.handler` name the same function. Failures raise a Fault with Lambda's type and message.
Any other exception raised while the module executes (a plain `raise` at import) propagates unchanged: Lambda
reports it under its own class name, with a trace through importlib into the module.
"""
import importlib
import sys

from . import faults


def load(handler):
    """Imports the handler's module and returns the named attribute. Raises faults.Fault or what the import raised."""
    module_part, dot, function_name = handler.rpartition(".")
    if not dot:
        # Lambda's message is that of the failed two-way unpacking of the split string.
        raise faults.Fault(faults.MALFORMED_HANDLER_NAME,
                           "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % handler)
    module_name = module_part.replace("/", ".")
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise faults.Fault(faults.BUILT_IN_MODULE_CONFLICT,
                           "Cannot use built-in module %s as a handler module" % module_name)
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise faults.Fault(faults.IMPORT_MODULE_ERROR, "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        # Lambda's own one-frame trace for a syntax error (capital "Line", the offending text as is).
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise faults.Fault(faults.USER_CODE_SYNTAX_ERROR, "Syntax error in module '%s': %s" % (module_name, e), trace)
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise faults.Fault(faults.HANDLER_NOT_FOUND,
                           "Handler '%s' missing on module '%s'" % (function_name, module_name))
