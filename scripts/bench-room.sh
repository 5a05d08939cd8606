#!/usr/bin/env bash
# Benchmark of the rooms issue (part of `make bench`):
#  1. recorder join latency in a built-in room: two headless Chromium
#     participants (canvas + oscillator) in a room, then 10 recordings
#     (source room, dump only), each stopped after 3 s. For each: the REST
#     call's time (it answers once the recorder is in the room and has sent
#     its offers) and the first media packet's time in the dump (from the
#     recorder's start); their sum bounds request → first packet written;
#  2. the same for a Janus VideoRoom (scripts/peers/janus_server.sh) with two
#     aiortc publishers: source janus, 10 recordings;
#  3. 8 participants composited live with the speaker layout in real time
#     (the standard 4-participant dump, each participant twice).
set -euo pipefail
cd "$(dirname "$0")/.."
tessera=.build/release/tessera
[ -x $tessera ] || swift build -c release >/dev/null
work=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "work folder: $work"
pages=()
cleanup() { for p in "${pages[@]}"; do kill "$p" 2>/dev/null || true; done; kill "$server" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
$tessera serve --http-port 0 --rtc-port 0 --public-ip 127.0.0.1 --data-dir "$work/data" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "tessera: listening on" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$work/serve.log" | head -1)
browser=$(command -v chromium || command -v chromium-browser)
for who in red:440 green:660; do
  token=$(curl -s -X POST "$url/v1/rooms/bench/tokens" -H 'Content-Type: application/json' -d "{\"name\": \"${who%%:*}\"}" \
    | python3 -c "import json, sys; print(json.load(sys.stdin)['token'])")
  "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile-${who%%:*}" \
    --allow-loopback-in-peer-connection --autoplay-policy=no-user-gesture-required --disable-features=WebRtcHideLocalIpsWithMdns \
    --remote-debugging-port=0 "$url/call/bench?token=$token&fake=$who" >/dev/null 2>&1 &
  pages+=($!)
done
for _ in $(seq 150); do
  [ "$(curl -s "$url/v1/rooms" | python3 -c "import json, sys; r = json.load(sys.stdin)['rooms']; print(r[0]['members'] if r else 0)")" = 2 ] && break
  sleep 0.2
done
# measure LABEL SOURCE-JSON: 10 recordings of room "bench" from that source.
measure() {
  local label=$1 source=$2 rest=() first=() t id f
  for i in $(seq 10); do
    t=$(curl -s -o "$work/job.json" -w "%{time_total}" -X POST "$url/v1/recordings" -H 'Content-Type: application/json' \
      -d "{\"room\": \"bench\", \"source\": $source, \"liveComposite\": false}")
    id=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['id'])" "$work/job.json")
    sleep 3
    curl -s -o /dev/null -X POST "$url/v1/recordings/$id/stop"
    f=$($tessera inspect "$work/data/recordings/$id/session.rtpd" --json \
      | python3 -c "import json, sys; r = json.load(sys.stdin); print(min((t['firstArrivalSeconds'] for t in r['tracks'] if t.get('firstArrivalSeconds') is not None), default='none'))")
    rest+=("$t"); first+=("$f")
    sleep 1
  done
  python3 -c "
import sys, statistics
label = sys.argv[1]
n = (len(sys.argv) - 2) // 2
pairs = [(float(r) * 1000, float(f) * 1000) for r, f in zip(sys.argv[2:2 + n], sys.argv[2 + n:]) if f != 'none']
if len(pairs) < n:
    print(f'recorder join {label}: {n - len(pairs)} of {n} recordings got no media within 3 s')
if not pairs:
    sys.exit(1)
rest, first = [r for r, _ in pairs], [f for _, f in pairs]
total = sorted(r + f for r, f in pairs)
print(f'recorder join {label}, {len(pairs)} recordings:')
print(f'  REST answer (the recorder is in the room): median {statistics.median(rest):.0f} ms, max {max(rest):.0f} ms')
print(f'  recorder start → first media packet in the dump: median {statistics.median(first):.0f} ms, max {max(first):.0f} ms')
print(f'  request → first packet written (sum): median {statistics.median(total):.0f} ms, max {total[-1]:.0f} ms (goal < 500 ms)')
" "$label" "${rest[@]}" "${first[@]}"
}
measure "in a built-in room, 2 Chromium participants" '{"type": "room"}'
for p in "${pages[@]}"; do kill "$p" 2>/dev/null || true; done
pages=()

# A Janus VideoRoom with two aiortc publishers.
janus_port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
bash scripts/peers/janus_server.sh "$janus_port" 41000-41099 "$work/janus-rec" > "$work/janus.log" 2>&1 &
pages+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$janus_port/janus/info" && break; sleep 0.2; done
for who in red green; do
  .venv/bin/python scripts/peers/janus_publish.py "http://127.0.0.1:$janus_port/janus" --room 1234 --display "$who" \
    --media "${TESSERA_FIXTURES:-.fixtures}/janus-$who.mp4" --seconds 60 > "$work/janus-$who.log" 2>&1 &
  pages+=($!)
done
for _ in $(seq 150); do [ "$(cat "$work"/janus-*.log | grep -c published)" = 2 ] && break; sleep 0.2; done
measure "in a Janus VideoRoom, 2 aiortc publishers" "{\"type\": \"janus\", \"url\": \"http://127.0.0.1:$janus_port/janus\", \"room\": 1234}"
for p in "${pages[@]}"; do kill "$p" 2>/dev/null || true; done
kill -TERM $server; wait $server || true

[ -f bench-out/render/four.rtpd ] || CAPTURE_ONLY=1 bash scripts/bench-render.sh
$tessera benchmark live --dump bench-out/render/four.rtpd --recordings 1 --copies 2 --layout speaker --seconds "${BENCH_SECONDS:-60}" 2>/dev/null
