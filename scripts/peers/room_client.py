#!/usr/bin/env python3
"""A scripted client of tessera's room signaling (the `websockets` library,
not tessera's code): connects, sends what a script says, and prints every
message it receives as one JSON line: {"t": seconds, "got": message} — or
{"closed": code, "reason": ...} / {"refused": status}.

  room_client.py WS_URL [--send JSON]... [--flood N] [--oversize BYTES] [--seconds 2]

--send lines may name "$self" for the client's own id (from welcome).
"""
import argparse
import asyncio
import json
import sys
import time

import websockets


def emit(**fields):
    print(json.dumps(fields))
    sys.stdout.flush()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--send", action="append", default=[])
    parser.add_argument("--flood", type=int, default=0)
    parser.add_argument("--oversize", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=2)
    args = parser.parse_args()
    started = time.monotonic()
    try:
        async with websockets.connect(args.url, max_size=4 << 20, open_timeout=10) as socket:
            welcome = json.loads(await asyncio.wait_for(socket.recv(), 10))
            emit(t=round(time.monotonic() - started, 3), got=welcome)
            me = welcome.get("id", "")
            for text in args.send:
                await socket.send(text.replace("$self", me))
            if args.oversize:
                await socket.send(json.dumps({"type": "chat", "text": "x" * args.oversize}))
            for index in range(args.flood):
                await socket.send(json.dumps({"type": "ping", "n": index}))
            deadline = started + args.seconds
            while time.monotonic() < deadline:
                try:
                    message = await asyncio.wait_for(socket.recv(), max(0.01, deadline - time.monotonic()))
                except asyncio.TimeoutError:
                    break
                emit(t=round(time.monotonic() - started, 3), got=json.loads(message))
    except websockets.exceptions.InvalidStatus as error:
        emit(refused=error.response.status_code)
    except websockets.exceptions.ConnectionClosed as error:
        emit(closed=error.rcvd.code if error.rcvd else None, reason=error.rcvd.reason if error.rcvd else "")


if __name__ == "__main__":
    asyncio.run(main())
