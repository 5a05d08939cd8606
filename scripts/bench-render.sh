#!/usr/bin/env bash
# Benchmark of the render issue: the standard workload — 4 participants,
# 640x360@30 VP8 + Opus, 60 s — rendered by tessera from an RTP dump and,
# in the same run, composited by ffmpeg's CLI from the same encoded streams
# (xstack + amix, libx264 veryfast 2500k, aac 128k, 1280x720@30).
# amix runs with normalize=0: tessera sums voices at their own level (a
# call recorder must not turn everyone down as people join), and amix by
# default divides every input by the input count; without this the two
# would encode different audio (AAC's work grows with loudness). Both mix
# the mono sources to mono.
# Prints wall time, CPU time and peak RSS of both, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_WORK:-bench-out/render}; mkdir -p "$work"
length=${BENCH_SECONDS:-60}
tessera=.build/release/tessera

if [ ! -f "$work/four.rtpd" ] || [ "$(cat "$work/length" 2>/dev/null)" != "$length" ]; then
  echo "encoding the 4 sources (VP8 + Opus, ${length}s each)"
  n=0
  for spec in "a 440 0" "b 660 40" "c 880 80" "d 1100 120"; do
    set -- $spec
    ffmpeg -nostdin -hide_banner -loglevel error -y \
      -f lavfi -i "testsrc2=size=640x360:rate=30:duration=$length,hue=h=$3" \
      -f lavfi -i "sine=frequency=$2:sample_rate=48000:duration=$length" \
      -c:v libvpx -deadline realtime -cpu-used 8 -lag-in-frames 0 -b:v 1M -g 60 -auto-alt-ref 0 \
      -c:a libopus -b:a 48k "$work/$1.webm"
  done
  echo "sending them over RTP in real time (${length}s) while tcpdump captures"
  tcpdump -i lo --immediate-mode -B 65536 -U -w "$work/four.pcap" udp portrange 6100-6139 >/dev/null 2>"$work/tcpdump.log" &
  tpid=$!; sleep 1
  pids=()
  for spec in "a 6100" "b 6110" "c 6120" "d 6130"; do
    set -- $spec
    ffmpeg -nostdin -hide_banner -loglevel error -re -i "$work/$1.webm" \
      -map 0:v -c copy -f rtp "rtp://127.0.0.1:$2" -map 0:a -c copy -f rtp "rtp://127.0.0.1:$(($2 + 2))" \
      -sdp_file "$work/$1.sdp" &
    pids+=($!)
  done
  wait "${pids[@]}"
  sleep 1.5; kill -INT $tpid; wait $tpid || true
  grep dropped "$work/tcpdump.log"
  $tessera import pcap "$work/four.pcap" --sdp a="$work/a.sdp" --sdp b="$work/b.sdp" --sdp c="$work/c.sdp" --sdp d="$work/d.sdp" -o "$work/four.rtpd"
  echo "$length" > "$work/length"
fi
# CAPTURE_ONLY=1: make the dump and stop (scripts/bench-live.sh uses it for long dumps).
[ -n "${CAPTURE_ONLY:-}" ] && exit 0

measure() { # label command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$label.time" "$@" > "$work/$label.log" 2>&1 || { cat "$work/$label.log"; exit 1; }
  read -r wall user sys rss < "$work/$label.time"
  echo "$label: ${wall}s wall, $(python3 -c "print(round($user + $sys, 2))")s CPU, $((rss / 1024)) MB peak RSS"
}

# This machine's speed wanders by ±20 % from minute to minute, so each side
# runs three times, alternating, and the best run of each counts.
for run in 1 2 3; do
measure tessera$run $tessera render "$work/four.rtpd" -o "$work/tessera.mp4" --size 1280x720 --fps 30 \
  --video-bitrate 2500k --preset veryfast --audio-bitrate 128k
measure ffmpeg$run ffmpeg -nostdin -hide_banner -loglevel error -y \
  -i "$work/a.webm" -i "$work/b.webm" -i "$work/c.webm" -i "$work/d.webm" \
  -filter_complex "[0:v][1:v][2:v][3:v]xstack=inputs=4:layout=0_0|w0_0|0_h0|w0_h0[v];[0:a][1:a][2:a][3:a]amix=inputs=4:normalize=0[a]" \
  -map "[v]" -map "[a]" -c:v libx264 -preset veryfast -b:v 2500k -g 60 -r 30 -c:a aac -b:a 128k "$work/ffmpeg.mp4"
done

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
def load(label):
    runs = []
    for run in (1, 2, 3):
        wall, user, sys_, rss = open(f"{work}/{label}{run}.time").read().split()
        runs.append((float(wall), float(user) + float(sys_), int(rss) / 1024))
    return min(runs)
tw, tc, tr = load("tessera"); fw, fc, fr = load("ffmpeg")
print(f"best of 3 — tessera: {tw:.2f} s wall, {tc:.2f} s CPU, {tr:.0f} MB; ffmpeg: {fw:.2f} s wall, {fc:.2f} s CPU, {fr:.0f} MB")
print(f"tessera / ffmpeg: wall {tw / fw:.2f}x (goal <= 0.90), CPU {tc / fc:.2f}x, tessera peak RSS {tr:.0f} MB (goal <= 250)")
PY
for f in tessera ffmpeg; do
  ffprobe -v error -show_entries stream=codec_name,width,height,nb_frames:format=duration -of compact "$work/$f.mp4" | tr '\n' ' '; echo
done
