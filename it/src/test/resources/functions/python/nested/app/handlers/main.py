# Handler inside a package two levels deep: `app/handlers/main.handler` or `app.handlers.main.handler`.
def handler(event, context):
    return {"nested": True, "module": __name__, "echo": event}
