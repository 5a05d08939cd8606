#!/usr/bin/env python3
"""A WHIP publisher built on aiortc, a WebRTC stack nobody at tessera wrote.

Publishes a media file (or several copies of it, as several publishers) to
a WHIP endpoint for a number of seconds, then ends each session with DELETE
and prints one JSON line of what was sent.

  whip_publish.py URL --media FILE [--video-codec vp8|h264] [--seconds 4]
                  [--publishers N] [--no-decode] [--token T] [--relay PORT]

--no-decode sends the file's packets as they are (VP8/H.264 + Opus in the
file), which keeps the load generator cheap for benchmarks. --loss and
--jitter put a UDP relay between the publisher and tessera (tessera's answer
candidates are rewritten to it) that drops that share of RTP packets at
random and delays each datagram by up to --jitter seconds, which reorders
them; the packets it dropped are reported by SSRC and sequence number. The
relay stops dropping one second before the end, so that repairs of the
earlier losses (NACK, retransmission) can arrive before the DELETE.
"""
import argparse
import asyncio
import json
import os
import random
import sys
import time
import urllib.parse
import urllib.request

import aioice.ice
from aiortc import RTCConfiguration, RTCPeerConnection, RTCRtpSender, RTCSessionDescription
from aiortc.contrib.media import MediaPlayer

# aioice leaves loopback out of its host candidates; every test here runs on loopback.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]


class Relay:
    """A lossy, jittery loopback UDP relay: publisher <-> relay <-> tessera."""

    def __init__(self, target, loss, jitter, seed):
        self.target, self.loss, self.jitter = target, loss, jitter
        self.rng = random.Random(seed)
        self.dropped = {}
        self.forwarded = 0
        self.client = None
        self.dropping = True

    async def start(self):
        loop = asyncio.get_running_loop()
        relay = self

        class Side(asyncio.DatagramProtocol):
            def __init__(self, receive):
                self.receive = receive

            def datagram_received(self, data, addr):
                self.receive(data, addr)

        self.front, _ = await loop.create_datagram_endpoint(lambda: Side(relay.from_client), local_addr=("127.0.0.1", 0))
        self.back, _ = await loop.create_datagram_endpoint(lambda: Side(relay.from_server), local_addr=("127.0.0.1", 0))
        self.back_port = self.back.get_extra_info("sockname")[1]
        return self.front.get_extra_info("sockname")[1]

    def from_client(self, data, addr):
        self.client = addr
        is_rtp = len(data) >= 12 and 128 <= data[0] <= 191 and not 192 <= data[1] <= 223
        if is_rtp and self.dropping and self.rng.random() < self.loss:
            ssrc = str(int.from_bytes(data[8:12], "big"))
            self.dropped.setdefault(ssrc, []).append(int.from_bytes(data[2:4], "big"))
            return
        if self.target is None:  # before the answer: tessera's address is not known yet
            return
        self.forwarded += 1
        asyncio.get_running_loop().call_later(self.rng.uniform(0, self.jitter), self.back.sendto, data, self.target)

    def from_server(self, data, addr):
        if self.client:
            self.front.sendto(data, self.client)


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Hands 307/308 back to the caller: urllib does not follow them for a POST."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(KeepRedirects)


def http(method, url, body=None, content_type=None, token=None, redirects=None):
    """One request; 307/308 are followed with the same method and body (a
    WHIP client follows redirects, RFC 9725 section 4.5), at most 5 times.
    `redirects`, a list, collects the URLs redirected to."""
    for _ in range(6):
        request = urllib.request.Request(url, data=body.encode() if body else None, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with OPENER.open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            headers = dict(error.headers)
            target = headers.get("Location") or headers.get("location")
            if error.code in (307, 308) and target:
                url = urllib.parse.urljoin(url, target)
                if redirects is not None:
                    redirects.append(url)
                continue
            return error.code, headers, error.read().decode()
    return 0, {}, "too many redirects"


def prefer(transceiver, kind, name):
    codecs = [c for c in RTCRtpSender.getCapabilities(kind).codecs if c.mimeType.lower() in (f"{kind}/{name}", f"{kind}/rtx")]
    transceiver.setCodecPreferences(codecs)


async def publish(args, index):
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    player = MediaPlayer(args.media, decode=not args.no_decode, loop=args.loop)
    if player.video:
        prefer(pc.addTransceiver(player.video, direction="sendonly"), "video", args.video_codec)
    if player.audio:
        pc.addTransceiver(player.audio, direction="sendonly")
    await pc.setLocalDescription(await pc.createOffer())
    offer = pc.localDescription.sdp
    relay = None
    if args.loss or args.jitter:
        # Both ways through the relay: the offer names the relay too, so tessera's own
        # connectivity checks cannot find a direct path that skips the loss.
        relay = Relay(None, args.loss, args.jitter, args.seed + index)
        relay_port = await relay.start()
        offer = "\r\n".join(rewrite_candidate(line, relay.back_port) for line in offer.replace("\r\n", "\n").split("\n"))
    for rule in args.munge:  # OLD=>NEW, applied to the offer as sent (hostile-input tests)
        old, new = rule.split("=>", 1)
        offer = offer.replace(old, new)
    loop = asyncio.get_running_loop()
    redirects = []
    status, headers, answer = await loop.run_in_executor(
        None, lambda: http("POST", args.url + (f"?name=aiortc-{index}" if args.publishers > 1 else ""),
                           offer, "application/sdp", args.token, redirects))
    # The session lives where the offer was answered.
    endpoint = redirects[-1] if redirects else args.url
    if status != 201:
        await pc.close()
        return {"status": status, "error": answer.strip()}
    location = headers.get("Location") or headers.get("location")
    if args.offer_only:  # a publisher that never connects: no ICE, no DELETE
        await pc.close()
        return {"status": status, "location": location}
    answer_ports = sorted({int(line.split(" ")[5]) for line in answer.replace("\r", "").split("\n") if line.startswith("a=candidate:")})
    if relay:
        target = next(line.strip().split(" ")[4:6] for line in answer.split("\n") if line.startswith("a=candidate:"))
        relay.target = (target[0], int(target[1]))
        answer = "\r\n".join(rewrite_candidate(line, relay_port) for line in answer.replace("\r\n", "\n").split("\n"))
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
    started = time.monotonic()
    while pc.connectionState != "connected" and time.monotonic() - started < 10:
        await asyncio.sleep(0.05)
    connected = pc.connectionState == "connected"
    if relay and args.seconds > 2:
        await asyncio.sleep(args.seconds - 1)
        relay.dropping = False  # the last second is clean: losses before it can still be repaired
        await asyncio.sleep(1)
    else:
        await asyncio.sleep(args.seconds)
    sent = {}
    for sender in pc.getSenders():
        stats = await sender.getStats()
        for report in stats.values():
            if report.type == "outbound-rtp":
                sent[report.kind] = {"packets": report.packetsSent, "bytes": report.bytesSent}
    if args.vanish:
        # Gone without a word: no DELETE, no DTLS close, no more ICE answers.
        print(json.dumps({"status": status, "connected": connected, "sent": sent, "location": location, "redirects": redirects}))
        sys.stdout.flush()
        os._exit(0)
    base = endpoint.split("/whip/")[0]
    delete_status, _, _ = await loop.run_in_executor(None, lambda: http("DELETE", base + location, token=args.token))
    await pc.close()
    # The player's reading thread ends only when its tracks are stopped (it would loop forever).
    for track in (player.audio, player.video):
        if track:
            track.stop()
    result = {"status": status, "connected": connected, "sent": sent, "location": location, "redirects": redirects, "delete": delete_status,
              "answerPorts": answer_ports}
    if relay:
        result["relay"] = {"dropped": relay.dropped, "forwarded": relay.forwarded}
    return result


def rewrite_candidate(line, port):
    if not line.startswith("a=candidate:"):
        return line
    parts = line.split(" ")
    parts[4], parts[5] = "127.0.0.1", str(port)
    return " ".join(parts)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--media", required=True)
    parser.add_argument("--video-codec", default="vp8", choices=["vp8", "h264"])
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--publishers", type=int, default=1)
    parser.add_argument("--no-decode", action="store_true")
    parser.add_argument("--loop", action="store_true")
    parser.add_argument("--token")
    parser.add_argument("--munge", action="append", default=[], help="OLD=>NEW: change the offer before it is sent")
    parser.add_argument("--offer-only", action="store_true", help="POST the offer, then go away without connecting")
    parser.add_argument("--vanish", action="store_true", help="exit abruptly after --seconds, without DELETE")
    parser.add_argument("--loss", type=float, default=0)
    parser.add_argument("--jitter", type=float, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    results = await asyncio.gather(*(publish(args, i) for i in range(args.publishers)))
    print(json.dumps(results if args.publishers > 1 else results[0]))
    sys.stdout.flush()


if __name__ == "__main__":
    asyncio.run(main())
    # aiortc's teardown of many peers can take minutes after the report is out; nothing is left to do.
    os._exit(0)
