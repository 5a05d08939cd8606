#!/usr/bin/env python3
"""A TCP link between a client and a server that a test can cut and mend,
the way a network link goes down: while cut, nothing passes either way and
new connections get no answer, but no connection is reset, so the client
sees silence, not an error. Mending lets everything flow again.

  tcp_link.py --target-port 5432 [--target-host 127.0.0.1]

SIGUSR1 cuts the link, SIGUSR2 mends it. One JSON line per event:
  {"event": "listening", "port": N}, {"event": "cut"}, {"event": "mended"}
Exits after --lifetime seconds.
"""
import argparse
import asyncio
import json
import signal
import sys


def emit(**fields):
    print(json.dumps(fields))
    sys.stdout.flush()


class Link:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.open = asyncio.Event()
        self.open.set()

    async def pump(self, reader, writer):
        try:
            while True:
                await self.open.wait()
                data = await reader.read(65536)
                if not data:
                    break
                await self.open.wait()  # bytes read just before a cut wait for the mend
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def serve(self, client_reader, client_writer):
        await self.open.wait()
        try:
            server_reader, server_writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(self.pump(client_reader, server_writer), self.pump(server_reader, client_writer))


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target-host", default="127.0.0.1")
    parser.add_argument("--target-port", type=int, required=True)
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()
    link = Link(args.target_host, args.target_port)
    server = await asyncio.start_server(link.serve, "127.0.0.1", 0)
    loop = asyncio.get_running_loop()

    def cut():
        link.open.clear()
        emit(event="cut")

    def mend():
        link.open.set()
        emit(event="mended")

    # A parent may have spawned us with these blocked (the mask is inherited).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1, signal.SIGUSR2})
    loop.add_signal_handler(signal.SIGUSR1, cut)
    loop.add_signal_handler(signal.SIGUSR2, mend)
    emit(event="listening", port=server.sockets[0].getsockname()[1])
    await asyncio.sleep(args.lifetime)


asyncio.run(main())
