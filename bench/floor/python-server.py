# Floor for warm Python requests: the handler called by a minimal asyncio HTTP/1.1 keep-alive server, no platform.
# Usage: python3 python-server.py HANDLER_DIR   (prints "listening PORT" once ready; port chosen by the OS)
import asyncio
import json
import sys

sys.path.insert(0, sys.argv[1])
from lambda_function import lambda_handler  # noqa: E402  (the same file the Stratus function runs)


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            raw = await reader.readexactly(length) if length else b""
            body = json.dumps(lambda_handler(json.loads(raw) if raw else {}, None)).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                         % (len(body), body))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print("listening", server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())
