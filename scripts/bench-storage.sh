#!/usr/bin/env bash
# Object storage benchmark (for BENCHMARKS.md): a 500 MB file to a real S3
# server on loopback (SeaweedFS), through tessera's uploader and through
# `aws s3 cp` in the same run: MB/s, CPU seconds and peak memory of each.
# Then the files of a 10-minute recording (its composite at the default
# bitrate, its poster) the way a finished job uploads them: the time from
# the stop to the file in the bucket adds this upload to the file's finish.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-500}"
work=$(mktemp -d /tmp/tessera-bench-s3.XXXXXX)
base=$((20000 + RANDOM % 20000))
secret="bench-$(date +%s)"
bash scripts/s3-server.sh "$work/s3" "$base" bench "$secret" > "$work/s3.log" 2>&1 & server=$!
trap 'kill -9 $server 2>/dev/null || true; pkill -9 -f "master.port=$base " || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$((base + 3))"
check() { .venv/bin/python scripts/peers/s3_check.py "$endpoint" bench "$secret" "$@"; }
for _ in $(seq 1 180); do check buckets >/dev/null 2>&1 && break; sleep 0.5; done
check mkbucket bench >/dev/null
head -c $((size_mb * 1000 * 1000)) /dev/urandom > "$work/file.bin"
measure() { .venv/bin/python - "$@" <<'PY'
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": round(wall, 2), "cpuSeconds": round(usage.ru_utime + usage.ru_stime, 2), "peakRSSMB": round(usage.ru_maxrss / 1024),
                  "status": done.returncode, "output": done.stdout.decode()[-300:]}))
PY
}
flags=(--storage s3://bench/t --s3-endpoint "$endpoint" --s3-path-style --s3-access-key bench --s3-secret-key "$secret")
tessera=$(measure .build/release/tessera benchmark upload "$work/file.bin" --key tessera.bin "${flags[@]}")
aws=$(AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY="$secret" AWS_DEFAULT_REGION=us-east-1 \
      measure .venv/bin/aws --endpoint-url "$endpoint" s3 cp "$work/file.bin" s3://bench/t/aws.bin --only-show-errors)
echo "tessera upload of ${size_mb} MB: $tessera"
echo "aws s3 cp of ${size_mb} MB:      $aws"
.venv/bin/python - "$size_mb" "$tessera" "$aws" <<'PY'
import json, sys
size = float(sys.argv[1]); t = json.loads(sys.argv[2]); a = json.loads(sys.argv[3])
print(f"throughput: tessera {size / t['seconds']:.1f} MB/s, aws {size / a['seconds']:.1f} MB/s: {a['seconds'] / t['seconds']:.2f}x; "
      f"CPU: tessera {t['cpuSeconds']} s, aws {a['cpuSeconds']} s; peak RSS: tessera {t['peakRSSMB']} MB, aws {a['peakRSSMB']} MB")
PY
# A 10-minute recording's composite at the default 2.5 Mbit/s video + 128 kbit/s audio.
composite=$(( (2500000 + 128000) * 600 / 8 ))
head -c "$composite" /dev/urandom > "$work/recording.mp4"
echo "10-minute composite ($((composite / 1000000)) MB) to the bucket: $(measure .build/release/tessera benchmark upload "$work/recording.mp4" --key recording.mp4 "${flags[@]}")"
