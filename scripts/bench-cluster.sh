#!/usr/bin/env bash
# Cluster benchmark (for BENCHMARKS.md), on a real PostgreSQL on loopback:
#  1. `tessera benchmark cluster`: no-op jobs claimed per second by three
#     nodes at once, duplicates (there must be none), and queued → claimed
#     latency through NOTIFY (median, p99);
#  2. three idle `tessera serve` nodes on that database for IDLE seconds:
#     the CPU their leases, reaping, LISTEN and polls cost, and PostgreSQL's,
#     as a share of one core.
set -euo pipefail
cd "$(dirname "$0")/.."
idle="${1:-60}"
work=$(mktemp -d /tmp/tessera-bench-pg.XXXXXX)
chmod 755 "$work"
port=$((20000 + RANDOM % 20000))
bash scripts/pg-server.sh "$work/pg" "$port" > "$work/pg.log" 2>&1 & pg=$!
nodes=()
trap 'for n in "${nodes[@]}"; do kill -9 "$n" 2>/dev/null || true; done; kill "$pg" 2>/dev/null || true; sleep 1; rm -rf "$work"' EXIT
url="postgres://tessera@127.0.0.1:$port/tessera?sslmode=disable"
for _ in $(seq 1 120); do psql -X -q -h 127.0.0.1 -p "$port" -U tessera -d tessera -c 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
echo "PostgreSQL: $(psql -X -A -t -h 127.0.0.1 -p "$port" -U tessera -d tessera -c 'show server_version') (fsync off, synchronous_commit off, loopback)"
.build/release/tessera benchmark cluster --database "$url" --jobs 10000 --nodes 3 --latency-jobs 200

# Idle nodes: CPU ticks of each process over the window.
for i in 1 2 3; do
  .build/release/tessera serve --data-dir "$work/n$i" --http-port $((port + i)) --rtc-port $((port + 10 + i)) \
    --database "$url" --node-id "idle-$i" --log-level warning > "$work/n$i.log" 2>&1 &
  nodes+=($!)
done
for _ in $(seq 1 120); do
  up=0; for i in 1 2 3; do curl -sf "http://127.0.0.1:$((port + i))/healthz" >/dev/null && up=$((up + 1)); done
  [ "$up" -eq 3 ] && break; sleep 0.5
done
sleep 5  # joined, migrations done, first renewals made
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
postmaster=$(head -1 "$work/pg/data/postmaster.pid")
pg_ticks() { local sum=0; for p in "$postmaster" $(pgrep -P "$postmaster" || true); do sum=$((sum + $(ticks "$p" 2>/dev/null || echo 0))); done; echo "$sum"; }
before=(); for n in "${nodes[@]}"; do before+=("$(ticks "$n")"); done; pg_before=$(pg_ticks)
sleep "$idle"
hz=$(getconf CLK_TCK)
for index in 0 1 2; do
  used=$(( $(ticks "${nodes[$index]}") - ${before[$index]} ))
  echo "idle node $((index + 1)): $(awk -v t="$used" -v hz="$hz" -v s="$idle" 'BEGIN { printf "%.2f", 100 * t / hz / s }') % of a core over ${idle} s"
done
echo "PostgreSQL (all its processes, three idle nodes): $(awk -v t="$(( $(pg_ticks) - pg_before ))" -v hz="$hz" -v s="$idle" 'BEGIN { printf "%.2f", 100 * t / hz / s }') % of a core"
