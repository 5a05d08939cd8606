#!/usr/bin/env bash
# The long fuzz run (make fuzz-long): every target for SECONDS (default 300),
# two at a time (one per core), after scripts/fuzz.sh has built them. Prints
# executions, coverage and the outcome per target, for RELIABILITY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
bash scripts/fuzz.sh 1 >/dev/null
mapfile -t targets < Fuzz/targets
mkdir -p Fuzz/crashes Fuzz/long
run() {
  local target=$1 corpus="Fuzz/corpus-${1#fuzz-}"
  if "Fuzz/bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="Fuzz/crashes/$target-" "$corpus" >"Fuzz/long/$target.log" 2>&1; then
    echo "$target: $(grep -oE 'Done [0-9]+ runs' "Fuzz/long/$target.log" | tail -1), $(grep -oE 'cov: [0-9]+ ft: [0-9]+' "Fuzz/long/$target.log" | tail -1), nothing found"
  else
    echo "$target: FOUND A CRASH (Fuzz/long/$target.log, input in Fuzz/crashes/)"
  fi
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" > Fuzz/long/a.out & a=$!
  if [ $((i + 1)) -lt ${#targets[@]} ]; then run "${targets[i + 1]}" > Fuzz/long/b.out & b=$!; else b=; fi
  wait $a; cat Fuzz/long/a.out
  if [ -n "$b" ]; then wait $b; cat Fuzz/long/b.out; fi
done
! grep -q "FOUND A CRASH" Fuzz/long/*.out || status=1
exit $status
