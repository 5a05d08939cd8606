#!/usr/bin/env bash
# Benchmark of the foundation issue: parsing plus frame assembly of a 60 s,
# 4-participant dump (VP8/H.264 640x360@30 + Opus), release build.
# Speed = media seconds / wall seconds of `tessera inspect` (which parses every
# record, depacketizes every packet and assembles every frame).
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench-out/foundation; mkdir -p "$work"
length=60
if [ ! -f "$work/four60.rtpd" ]; then
  echo "making a ${length}s 4-participant capture (ffmpeg at 10x real time)"
  tcpdump -i lo -U -w "$work/four60.pcap" udp portrange 6000-6039 >/dev/null 2>"$work/tcpdump.log" &
  tpid=$!; sleep 1
  n=0
  for spec in "a vp8 6000 440" "b h264 6010 660" "c vp8 6020 880" "d h264 6030 1100"; do
    set -- $spec
    if [ "$2" = vp8 ]; then venc=(-c:v libvpx -deadline realtime -cpu-used 8 -lag-in-frames 0 -threads 1 -b:v 1M -g 60); else
      venc=(-c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p -g 60 -b:v 1M); fi
    ffmpeg -nostdin -hide_banner -loglevel error -readrate 10 \
      -f lavfi -i "testsrc2=size=640x360:rate=30:duration=$length" -f lavfi -i "sine=frequency=$4:sample_rate=48000:duration=$length" \
      -map 0:v "${venc[@]}" -f rtp "rtp://127.0.0.1:$3" -map 1:a -c:a libopus -f rtp "rtp://127.0.0.1:$(($3 + 2))" \
      -sdp_file "$work/$1.sdp" &
  done
  wait $(jobs -p | grep -v "^$tpid$") 2>/dev/null || true
  sleep 0.5; kill -INT $tpid; wait $tpid || true
  grep dropped "$work/tcpdump.log"
  .build/release/tessera import pcap "$work/four60.pcap" --sdp "$work/a.sdp" --sdp "$work/b.sdp" --sdp "$work/c.sdp" --sdp "$work/d.sdp" -o "$work/four60.rtpd"
fi
ls -la "$work/four60.rtpd"
runs=5
best=999
for i in $(seq $runs); do
  /usr/bin/time -f "%e %M" -o "$work/time.txt" .build/release/tessera inspect --json "$work/four60.rtpd" > "$work/inspect.json"
  read -r wall rss < "$work/time.txt"
  best=$(python3 -c "print(min($best, $wall))")
  echo "run $i: ${wall}s wall, ${rss} KB peak RSS"
done
python3 - "$work/inspect.json" "$best" <<'PY'
import json, sys
report = json.load(open(sys.argv[1])); wall = float(sys.argv[2])
media = max(t["durationSeconds"] for t in report["tracks"])
packets = sum(t["packets"] for t in report["tracks"])
frames = sum(t["frames"] for t in report["tracks"])
print(f"media {media:.1f} s, {len(report['tracks'])} tracks, {packets} packets, {frames} frames")
print(f"best wall {wall:.3f} s → {media / max(wall, 0.001):.0f}x real time (goal ≥ 200x); {packets / max(wall, 0.001):,.0f} packets/s")
PY
