#!/usr/bin/env python3
"""A publisher in a Janus VideoRoom, built on aiortc (neither is tessera's code).

Joins ROOM on the Janus at URL (its HTTP API) as a publisher named
--display, publishes a media file for --seconds, then leaves the room and
ends its Janus session. It prints JSON lines as it goes:

  {"event": "published", "feed": ID, "display": NAME}
  {"event": "left", "feed": ID, "connected": true, "sent": {"video": {...}, "audio": {...}}}

  janus_publish.py URL --room 1234 --display alice --media FILE [--seconds 6] [--pin P] [--token T]
"""
import argparse
import asyncio
import json
import os
import random
import signal
import sys
import time
import urllib.parse
import urllib.request

import aioice.ice
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaPlayer

# aioice leaves loopback out of its host candidates; every test here runs on loopback.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]


# Foundation's Process (the tests' launcher) starts children with SIGTERM blocked.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def say(**fields):
    print(json.dumps(fields))
    sys.stdout.flush()


class Janus:
    """The few Janus API calls a publisher needs, over HTTP long-poll."""

    def __init__(self, url, token=None):
        self.url = url.rstrip("/")
        self.token = token
        self.session = None
        self.handle = None

    def post(self, path, body):
        body = dict(body, transaction="%016x" % random.getrandbits(64))
        if self.token:
            body["token"] = self.token
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def poll(self):
        query = "maxev=1" + ("&token=" + urllib.parse.quote(self.token) if self.token else "")
        with urllib.request.urlopen(f"{self.url}/{self.session}?{query}", timeout=40) as response:
            answer = json.loads(response.read())
        return answer if isinstance(answer, list) else [answer]

    def open(self):
        self.session = self.post("", {"janus": "create"})["data"]["id"]
        self.handle = self.post(f"/{self.session}", {"janus": "attach", "plugin": "janus.plugin.videoroom"})["data"]["id"]

    def message(self, body, jsep=None):
        request = {"janus": "message", "body": body}
        if jsep:
            request["jsep"] = jsep
        return self.post(f"/{self.session}/{self.handle}", request)

    def wait(self, predicate, seconds=15):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for event in self.poll():
                if predicate(event):
                    return event
        raise TimeoutError("Janus did not answer in time")


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--room", required=True)
    parser.add_argument("--display", required=True)
    parser.add_argument("--media", required=True)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--pin")
    parser.add_argument("--token")
    args = parser.parse_args()
    room = int(args.room) if args.room.isdigit() else args.room
    loop = asyncio.get_running_loop()
    janus = Janus(args.url, args.token)
    await loop.run_in_executor(None, janus.open)

    join = {"request": "join", "ptype": "publisher", "room": room, "display": args.display}
    if args.pin:
        join["pin"] = args.pin
    await loop.run_in_executor(None, janus.message, join)
    joined = await loop.run_in_executor(None, janus.wait, lambda e: e.get("plugindata", {}).get("data", {}).get("videoroom") in ("joined", "event"))
    data = joined["plugindata"]["data"]
    if data.get("videoroom") != "joined":
        say(event="refused", error=data.get("error", "no reason"))
        return
    feed = data["id"]

    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    player = MediaPlayer(args.media, loop=True)
    pc.addTransceiver(player.video, direction="sendonly")
    pc.addTransceiver(player.audio, direction="sendonly")
    await pc.setLocalDescription(await pc.createOffer())
    jsep = {"type": "offer", "sdp": pc.localDescription.sdp}
    await loop.run_in_executor(None, janus.message, {"request": "publish", "audio": True, "video": True}, jsep)
    answered = await loop.run_in_executor(None, janus.wait, lambda e: "jsep" in e)
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answered["jsep"]["sdp"], type="answer"))
    started = time.monotonic()
    while pc.connectionState != "connected" and time.monotonic() - started < 10:
        await asyncio.sleep(0.05)
    connected = pc.connectionState == "connected"
    say(event="published", feed=feed, display=args.display, connected=connected)

    # Long-polls keep the Janus session alive while the media flows.
    deadline = time.monotonic() + args.seconds
    last_keepalive = time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(min(1, max(0, deadline - time.monotonic())))
        if time.monotonic() - last_keepalive > 10:
            await loop.run_in_executor(None, janus.post, f"/{janus.session}", {"janus": "keepalive"})
            last_keepalive = time.monotonic()
    sent = {}
    for sender in pc.getSenders():
        for report in (await sender.getStats()).values():
            if report.type == "outbound-rtp":
                sent[report.kind] = {"packets": report.packetsSent, "bytes": report.bytesSent}
    await loop.run_in_executor(None, janus.message, {"request": "leave"})
    await loop.run_in_executor(None, janus.post, f"/{janus.session}", {"janus": "destroy"})
    await pc.close()
    for track in (player.audio, player.video):
        track.stop()
    say(event="left", feed=feed, display=args.display, connected=connected, sent=sent)


if __name__ == "__main__":
    asyncio.run(main())
    os._exit(0)
