"""Stratus's Python runtime client (standard library only, Python 3.9+).

Modules: loop (init and the invoke loop), wire (Runtime API over one keep-alive socket), handler (resolving
`module.function`), context (the handler's context object), payload (event and result JSON), faults (error
JSON, stack traces, error log records), logs (stdio buffering and the `logging` setup).
The package name is chosen not to clash with user modules, which come first on sys.path.
"""
