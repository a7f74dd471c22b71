# Needs the python-greeter layer: one module from /opt/python, one from /opt/python/lib/python3.X/site-packages.
import pygreeter
import sitegreeter


def lambda_handler(event, context):
    return {"greeting": pygreeter.greet(event.get("name", "World")), "site": sitegreeter.WHERE}
