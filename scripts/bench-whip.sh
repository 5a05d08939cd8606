#!/usr/bin/env bash
# End-to-end WHIP benchmark: N publishers (default 50) send to a release
# `tessera serve` on loopback for S seconds. Reports what the server received
# (from its dump), loss, and the server's CPU per publisher.
# GENERATOR=swift (default): `tessera benchmark whip`, synthetic 1.5 Mbit/s
#   video + Opus-sized audio from the stack's own parts (cheap enough for 50 at full rate).
# GENERATOR=aiortc: aiortc publishers in G processes (default 2) sending a
#   pre-encoded VP8 + Opus file (~1.4 Mbit/s) as is (--no-decode); on 2 cores
#   they cannot reach full rate.
set -euo pipefail
cd "$(dirname "$0")/.."
publishers=${PUBLISHERS:-50}; seconds=${SECONDS_TO_SEND:-15}; generators=${GENERATORS:-2}; generator=${GENERATOR:-swift}
work=bench-out/whip; rm -rf "$work"; mkdir -p "$work"
.build/release/tessera serve --http-port 0 --rtc-port 0 --public-ip 127.0.0.1 --data-dir "$work/data" --auto-record --auto-record-dump-only > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
port=$(grep -o "listening on http://127.0.0.1:[0-9]*" "$work/serve.log" | grep -o "[0-9]*$")
ticks() { awk '{print $14 + $15}' /proc/$server/stat; }
hz=$(getconf CLK_TCK)
before=$(ticks); started=$(date +%s.%N)
if [ "$generator" = swift ]; then
  .build/release/tessera benchmark whip "http://127.0.0.1:$port/whip/bench" --publishers "$publishers" --seconds "$seconds" --json \
    > "$work/generator.json" &
else
  for g in $(seq "$generators"); do
    .venv/bin/python scripts/peers/whip_publish.py "http://127.0.0.1:$port/whip/bench" --media .fixtures/publish-bench.webm \
      --no-decode --loop --seconds "$seconds" --publishers $((publishers / generators)) > "$work/publishers-$g.json" &
  done
fi
# The server's CPU is counted until the last publisher has left (not while the generators exit).
for _ in $(seq $(( (seconds + 120) * 10 ))); do
  [ "$(grep -c "publisher left" "$work/serve.log")" -ge "$publishers" ] && break; sleep 0.1
done
after=$(ticks); ended=$(date +%s.%N)
wait $(jobs -p | grep -v "^$server$")
kill -TERM $server; wait $server || true
dump=$(ls "$work"/data/recordings/*/session.rtpd | head -1)
.build/release/tessera inspect --json "$dump" > "$work/inspect.json"
python3 - "$work" "$before" "$after" "$hz" "$started" "$ended" "$seconds" <<'PY'
import glob, json, sys
work, before, after, hz, started, ended, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
report = json.load(open(work + "/inspect.json"))
tracks = report["tracks"]
if glob.glob(work + "/generator.json"):
    generator = json.load(open(work + "/generator.json"))
    published = [None] * generator["publishers"]
    connected, sent = generator["connected"], generator["packetsSent"]
else:
    published = [p for f in sorted(glob.glob(work + "/publishers-*.json")) for p in json.load(open(f))]
    connected = sum(1 for p in published if p.get("connected"))
    sent = sum(p["sent"].get(k, {}).get("packets", 0) for p in published if "sent" in p for k in ("audio", "video"))
received = sum(t["packets"] for t in tracks)
lost = sum(t["lostPackets"] for t in tracks)
video = [t for t in tracks if t["kind"] == "video"]
span = max(t["lastArrivalSeconds"] or 0 for t in tracks) - min(t["firstArrivalSeconds"] or 0 for t in tracks)
cpu = (after - before) / hz
mbps = sum(t["bytes"] for t in video) * 8 / 1e6 / max(len(video), 1) / seconds
print(f"publishers {len(published)}, connected {connected}, tracks {len(tracks)}")
print(f"packets: sent {sent}, in the dump {received}, lost {lost} ({100 * lost / max(received + lost, 1):.3f}%)")
print(f"video per publisher: {mbps:.2f} Mbit/s; all publishers: {received / span:.0f} packets/s over {span:.1f} s")
print(f"server CPU: {cpu:.2f} s over {ended - started:.1f} s wall = {100 * cpu / (ended - started):.1f}% of one core; "
      f"{1000 * cpu / (len(published) * seconds):.2f} ms CPU per publisher-second; {1e6 * cpu / max(received, 1):.1f} µs per packet")
PY
