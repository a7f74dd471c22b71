def lambda_handler(event, context):
    name = event.get("name", "World") if isinstance(event, dict) else "World"
    return {"statusCode": 200, "body": f"Hello, {name}!"}
