#!/usr/bin/env python3
"""A WHEP server built on aiortc, a WebRTC stack nobody at tessera wrote.

Serves a media file (looped) to every WHEP client: POST /whep/stream with an
SDP offer gets a 201, the answer and a Location; DELETE on that Location ends
the session. Prints one JSON line per event on stdout:
  {"event": "listening", "port": N}
  {"event": "session", "id": ID, "status": 201}
  {"event": "deleted", "id": ID, "connected": bool, "sent": {kind: {packets, bytes}}}
and exits after --lifetime seconds.

  whep_server.py --media FILE [--token T] [--lifetime 60] [--hang-up-after S]

--hang-up-after closes each session from the server's side after S seconds
(the client must notice the source went away).
"""
import argparse
import asyncio
import json
import signal
import sys
import uuid

import aioice.ice
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaPlayer

# aioice leaves loopback out of its host candidates; every test here runs on loopback.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]

sessions = {}


def emit(**fields):
    print(json.dumps(fields))
    sys.stdout.flush()


async def sent_counts(pc):
    sent = {}
    for sender in pc.getSenders():
        for report in (await sender.getStats()).values():
            if report.type == "outbound-rtp":
                sent[report.kind] = {"packets": report.packetsSent, "bytes": report.bytesSent}
    return sent


async def close(session_id, reason):
    pc, player = sessions.pop(session_id, (None, None))
    if pc is None:
        return False
    connected = pc.connectionState == "connected"
    sent = await sent_counts(pc)
    await pc.close()
    for track in (player.audio, player.video):
        if track:
            track.stop()
    emit(event=reason, id=session_id, connected=connected, sent=sent)
    return True


async def answer(args, offer):
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    player = MediaPlayer(args.media, loop=True)
    await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
    # The offer is recvonly: our tracks fill its sections.
    for track in (player.audio, player.video):
        if track:
            pc.addTrack(track)
    await pc.setLocalDescription(await pc.createAnswer())
    session_id = uuid.uuid4().hex[:12]
    sessions[session_id] = (pc, player)
    if args.hang_up_after:
        asyncio.get_running_loop().call_later(args.hang_up_after, lambda: asyncio.ensure_future(close(session_id, "hung-up")))
    return session_id, pc.localDescription.sdp


async def handle(args, reader, writer):
    try:
        request_line = (await reader.readline()).decode().strip()
        method, path, _ = request_line.split(" ", 2)
        headers = {}
        while True:
            line = (await reader.readline()).decode().strip()
            if not line:
                break
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))

        def respond(status, text="", extra=None, content_type="text/plain"):
            reason = {200: "OK", 201: "Created", 204: "No Content", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
                      415: "Unsupported Media Type"}[status]
            head = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(text.encode())}", "Connection: close"]
            if text:
                head.append(f"Content-Type: {content_type}")
            head += [f"{k}: {v}" for k, v in (extra or {}).items()]
            writer.write(("\r\n".join(head) + "\r\n\r\n" + text).encode())

        if args.token and headers.get("authorization") != "Bearer " + args.token:
            respond(401, "a bearer token is needed")
        elif method == "POST" and path == "/whep/stream":
            if not headers.get("content-type", "").startswith("application/sdp"):
                respond(415, "offers are application/sdp")
            else:
                session_id, sdp = await answer(args, body.decode())
                respond(201, sdp, {"Location": f"/whep/resource/{session_id}", "ETag": f'"{session_id}"'}, "application/sdp")
                emit(event="session", id=session_id, status=201)
        elif method == "DELETE" and path.startswith("/whep/resource/"):
            found = await close(path.rsplit("/", 1)[1], "deleted")
            respond(200 if found else 404)
        elif method == "PATCH" and path.startswith("/whep/resource/"):
            respond(204)
        else:
            respond(405 if path.startswith("/whep/") else 404)
        await writer.drain()
    except Exception as error:  # a test peer: report, never hang
        emit(event="error", error=str(error))
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--media", required=True)
    parser.add_argument("--token")
    parser.add_argument("--lifetime", type=float, default=60)
    parser.add_argument("--hang-up-after", type=float)
    args = parser.parse_args()
    server = await asyncio.start_server(lambda r, w: handle(args, r, w), "127.0.0.1", 0)
    emit(event="listening", port=server.sockets[0].getsockname()[1])
    await asyncio.sleep(args.lifetime)
    for session_id in list(sessions):
        await close(session_id, "expired")
    server.close()


if __name__ == "__main__":
    # A parent may start us with SIGTERM blocked (the mask is inherited): unblock it so terminate() works.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    asyncio.run(main())
