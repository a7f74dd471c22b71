# Fails while the module loads: the runtime posts an init error and exits with status 1.
raise RuntimeError("init failed")


def lambda_handler(event, context):
    return "unreachable"
