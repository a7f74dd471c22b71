# Looks at the environment from inside a sandbox; each event["op"] answers one question:
#   {op: "read", path}           -> {ok: true, content} | {ok: false, code}   (code: errno name, e.g. "ENOENT")
#   {op: "list", path}           -> {ok: true, entries} | {ok: false, code}
#   {op: "write", path, content} -> {ok: true} | {ok: false, code}
#   {op: "env"}                  -> {env, context fields, remaining, uid, cwd}
#   {op: "clientContext"}        -> context.client_context as a dict (null when the caller sent none)
import errno
import os


def attempt(action):
    try:
        result = {"ok": True}
        result.update(action())
        return result
    except OSError as e:
        return {"ok": False, "code": errno.errorcode.get(e.errno, str(e.errno))}


def read(path):
    with open(path, encoding="utf-8") as f:
        return {"content": f.read()}


def write(path, content):
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)
    return {}


def environment(context):
    return {
        "env": dict(os.environ),
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "invoked_function_arn": context.invoked_function_arn,
        "remaining": context.get_remaining_time_in_millis(),
        "uid": os.getuid(),
        "cwd": os.getcwd(),
    }


def client_context(context):
    cc = context.client_context
    if cc is None:
        return None
    client = None
    if cc.client is not None:
        client = {name: getattr(cc.client, name) for name in (
            "installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")}
    return {"client": client, "custom": cc.custom, "env": cc.env}


def lambda_handler(event, context):
    op = event.get("op")
    if op == "read":
        return attempt(lambda: read(event["path"]))
    if op == "list":
        return attempt(lambda: {"entries": sorted(os.listdir(event["path"]))})
    if op == "write":
        return attempt(lambda: write(event["path"], event.get("content", "")))
    if op == "env":
        return environment(context)
    if op == "clientContext":
        return client_context(context)
    raise ValueError("unknown op: %s" % op)
