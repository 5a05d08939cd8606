#!/usr/bin/env python3
"""Removes the RTP packets to one UDP port that arrive between FROM and TO
seconds after that port's first packet, from a little-endian Ethernet pcap:
a stream that starts without a keyframe (FROM = 0), or one whose video
pauses for a while (a camera turned off and on)."""
import struct
import sys

src, dst, port, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
data = open(src, "rb").read()
assert struct.unpack("<I", data[:4])[0] == 0xA1B2C3D4, "expects a little-endian microsecond pcap"
out = bytearray(data[:24])
offset, first, removed = 24, None, 0
while offset + 16 <= len(data):
    sec, usec, incl = struct.unpack("<III", data[offset:offset + 12])
    record = data[offset:offset + 16 + incl]
    frame = record[16:]
    offset += 16 + incl
    if len(frame) > 42 and frame[12:14] == b"\x08\x00" and frame[23] == 17:
        udp = 14 + (frame[14] & 0x0F) * 4
        if struct.unpack(">H", frame[udp + 2:udp + 4])[0] == port:
            t = sec + usec / 1e6
            first = t if first is None else first
            if start <= t - first < end:
                removed += 1
                continue
    out += record
open(dst, "wb").write(out)
print(f"removed {removed} packets to port {port} between {start} and {end} s")
