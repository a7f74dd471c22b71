"""A package that exists only in a layer: /opt/python is on sys.path."""


def greet(name):
    return f"Hello from the layer, {name}!"
