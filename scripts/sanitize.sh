#!/usr/bin/env bash
# The test suites under AddressSanitizer and ThreadSanitizer (make sanitize):
# the unit-level targets (WebRTC, Dump, Render, Jobs and the rest), not the
# interop suites, each sanitizer in its own build folder. On demand: a
# sanitizer build takes several minutes; figures go into RELIABILITY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="RTPTests|SDPTests|DumpTests|MediaTests|RenderTests|WebRTCTests|WebRTCDriverTests|APIModelTests|JobsTests|RoomsTests|JanusProtocolTests"
status=0
for sanitizer in ${SANITIZERS:-address thread}; do
  scratch=".build-$sanitizer"
  echo "sanitize: building with -sanitize=$sanitizer"
  mkdir -p "$scratch"
  swift build --build-tests --scratch-path "$scratch" -Xswiftc -sanitize=$sanitizer >"$scratch/sanitize-build.log" 2>&1 || { tail -30 "$scratch/sanitize-build.log"; exit 1; }
  echo "sanitize: running the tests under $sanitizer"
  if TSAN_OPTIONS="halt_on_error=1" ASAN_OPTIONS="detect_leaks=0" \
     swift test --skip-build --scratch-path "$scratch" --filter "$filter" >"$scratch/sanitize-test.log" 2>&1; then
    echo "sanitize: $sanitizer: $(grep -E 'Test run with' "$scratch/sanitize-test.log" | tail -1)"
  else
    echo "sanitize: $sanitizer FOUND SOMETHING (see $scratch/sanitize-test.log):"
    grep -E "ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer|SUMMARY" "$scratch/sanitize-test.log" | head -20
    status=1
  fi
done
exit $status
