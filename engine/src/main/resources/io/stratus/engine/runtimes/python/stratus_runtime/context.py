"""The context object handed to the handler, with the attributes of Lambda's Python `LambdaContext`.

Function-level fields come from the environment, read once at start; request-level fields come from the headers
of invocation/next. `memory_limit_in_mb` is a str, as on Lambda (it is the environment variable's text).
"""
import os
import sys
import time


class FunctionInfo:
    """The function's fixed description, read once from the environment the server sets."""

    def __init__(self, environ=os.environ):
        self.function_name = environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = environ.get("AWS_LAMBDA_LOG_STREAM_NAME")


class LambdaContext:
    """Per-invocation context: ids, names, limits, caller identity and the time left before the deadline."""

    def __init__(self, function, request_id, deadline_ms, invoked_function_arn,
                 client_context=None, cognito_identity=None, tenant_id=None):
        """deadline_ms: absolute deadline in Unix epoch milliseconds; the two JSON arguments are parsed dicts."""
        self.aws_request_id = request_id
        self.log_group_name = function.log_group_name
        self.log_stream_name = function.log_stream_name
        self.function_name = function.function_name
        self.memory_limit_in_mb = function.memory_limit_in_mb
        self.function_version = function.function_version
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        self.client_context = _client_context(client_context)
        self.identity = CognitoIdentity(cognito_identity)
        self._epoch_deadline_time_in_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        """Milliseconds left until the invocation's deadline, never below 0."""
        left = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return left if left > 0 else 0

    def log(self, message):
        """Writes message to the function's log as is (no newline added), like Lambda's context.log."""
        sys.stdout.write(str(message))

    def __repr__(self):
        return ("LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
                "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%r,"
                "identity=%r,tenant_id=%s])" % (
                    self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                    self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
                    self.client_context, self.identity, self.tenant_id))


class CognitoIdentity:
    """The Cognito identity of a mobile-SDK caller; both ids are None when the caller sent none."""

    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, fields=None):
        fields = fields or {}
        self.cognito_identity_id = fields.get("cognitoIdentityId")
        self.cognito_identity_pool_id = fields.get("cognitoIdentityPoolId")

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id=%s,cognito_identity_pool_id=%s])" % (
            self.cognito_identity_id, self.cognito_identity_pool_id)


class Client:
    """The calling mobile application, from the client context's `client` object."""

    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")

    def __init__(self, fields):
        for name in Client.__slots__:
            setattr(self, name, fields.get(name))

    def __repr__(self):
        return "Client([%s])" % ",".join("%s=%s" % (n, getattr(self, n)) for n in Client.__slots__)


class ClientContext:
    """The caller-supplied client context: `client` (a Client or None), `custom` and `env` (dicts or None)."""

    __slots__ = ("client", "custom", "env")

    def __init__(self, fields):
        client = fields.get("client")
        self.client = Client(client) if isinstance(client, dict) else None
        self.custom = fields.get("custom")
        self.env = fields.get("env")

    def __repr__(self):
        return "ClientContext([client=%r,custom=%r,env=%r])" % (self.client, self.custom, self.env)


def _client_context(fields):
    return ClientContext(fields) if isinstance(fields, dict) else None
