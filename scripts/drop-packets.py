#!/usr/bin/env python3
"""Removes every Nth RTP packet (per destination port) from a classic pcap
captured on Ethernet, and writes how many it removed per port to JSON.

Independent of tessera's own pcap reader on purpose: tests compare what
tessera reports against these counts."""
import json
import struct
import sys

src, dst, report, every = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
data = open(src, "rb").read()
magic = struct.unpack("<I", data[:4])[0]
assert magic == 0xA1B2C3D4, "expects a little-endian microsecond pcap"
assert struct.unpack("<I", data[20:24])[0] == 1, "expects Ethernet"

def rtp_port(frame):
    """The destination port of an RTP (not RTCP) datagram to an even port, else None."""
    if len(frame) > 42 and frame[12:14] == b"\x08\x00" and frame[23] == 17:
        udp = 14 + (frame[14] & 0x0F) * 4
        port = struct.unpack(">H", frame[udp + 2:udp + 4])[0]
        payload = frame[udp + 8:]
        if port % 2 == 0 and not (len(payload) > 1 and 192 <= payload[1] <= 223):
            return port
    return None


def records():
    offset = 24
    while offset + 16 <= len(data):
        incl = struct.unpack("<I", data[offset + 8:offset + 12])[0]
        yield data[offset + 16:offset + 16 + incl], data[offset:offset + 16 + incl]
        offset += 16 + incl


totals = {}
for frame, _ in records():
    port = rtp_port(frame)
    if port is not None:
        totals[port] = totals.get(port, 0) + 1

out = bytearray(data[:24])
seen, removed = {}, {}
for frame, record in records():
    keep = True
    port = rtp_port(frame)
    if port is not None:
        n = seen.get(port, 0)
        seen[port] = n + 1
        # Never the first or last packet, so the expected range is unchanged.
        if n % every == every // 2 and n != totals[port] - 1:
            removed[port] = removed.get(port, 0) + 1
            keep = False
    if keep:
        out += record
open(dst, "wb").write(out)
json.dump({"removed": {str(k): v for k, v in removed.items()}, "sent": {str(k): v for k, v in seen.items()}},
          open(report, "w"), indent=1)
print(f"removed {sum(removed.values())} of {sum(seen.values())} RTP packets")
