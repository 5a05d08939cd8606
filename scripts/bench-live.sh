#!/usr/bin/env bash
# Benchmark of the service issue (part of `make bench`):
#  1. concurrent live composites of the standard 4-participant dump
#     (scripts/bench-render.sh makes it), replayed in real time: 2, 3 and 4
#     at once — lag, stop → file time, CPU and peak RSS per recording;
#  2. REST request → recorder ready: POST /v1/recordings answers once the
#     recorder is attached to the room (state active), timed by curl, 20 times;
#  3. stop → file ready for a 10-minute recording (LONG=1; it takes 10 minutes
#     to capture the dump and 10 to replay it).
set -euo pipefail
cd "$(dirname "$0")/.."
tessera=.build/release/tessera
[ -f bench-out/render/four.rtpd ] || CAPTURE_ONLY=1 bash scripts/bench-render.sh
seconds=${BENCH_SECONDS:-60}
for n in 2 3 4; do
  $tessera benchmark live --dump bench-out/render/four.rtpd --recordings $n --seconds "$seconds" 2>/dev/null
done

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
$tessera serve --http-port 0 --rtc-port 0 --public-ip 127.0.0.1 --data-dir "$work/data" --capacity 1000 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "tessera: listening on" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$work/serve.log" | head -1)
for kind in true false; do
  times=()
  for i in $(seq 20); do
    t=$(curl -s -o "$work/job.json" -w "%{time_total}" -X POST "$url/v1/recordings" -H 'Content-Type: application/json' \
      -d "{\"room\": \"bench$i$kind\", \"liveComposite\": $kind}")
    grep -q '"state":"active"' "$work/job.json" || { echo "not active: $(cat "$work/job.json")"; exit 1; }
    times+=("$t")
  done
  python3 -c "
import sys, statistics
t = sorted(float(x) * 1000 for x in sys.argv[2:])
print(f'REST → recorder ready (liveComposite={sys.argv[1]}): median {statistics.median(t):.1f} ms, p95 {t[int(len(t) * 0.95) - 1]:.1f} ms, max {t[-1]:.1f} ms')
" "$kind" "${times[@]}"
done
kill -TERM $server; wait $server || true

if [ -n "${LONG:-}" ]; then
  BENCH_WORK=bench-out/live600 BENCH_SECONDS=600 CAPTURE_ONLY=1 bash scripts/bench-render.sh
  $tessera benchmark live --dump bench-out/live600/four.rtpd --recordings 1 --seconds 600 2>/dev/null
fi
