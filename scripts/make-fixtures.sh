#!/usr/bin/env bash
# Makes the media fixtures the tests read, once per checkout: ffmpeg's own
# encoders and RTP packetizer send to loopback while tcpdump captures.
# Output: .fixtures/ (or $TESSERA_FIXTURES). Re-run with FORCE=1 to redo.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TESSERA_FIXTURES:-$PWD/.fixtures}"
stamp="$out/.complete-v13"
# Long publisher files for the Janus tests (aiortc's MediaPlayer does not loop
# them): a color and a tone each, encoded as fast as x264 goes (no -re).
janus_publishers() {
  local spec name color tone
  for spec in red:440 green:660 blue:1000; do
    color=${spec%%:*} tone=${spec##*:} name="$out/janus-$color.mp4"
    [ -f "$name" ] && continue
    ffmpeg -v error -y -f lavfi -i "color=c=$color:s=320x240:r=30" -f lavfi -i "sine=f=$tone:sample_rate=48000" -t 40 \
      -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac "$name"
  done
}
if [ -f "$stamp" ] && [ "${FORCE:-0}" != 1 ]; then janus_publishers; echo "fixtures up to date in $out"; exit 0; fi
rm -rf "$out"; mkdir -p "$out"
duration=3

# Each participant: a distinct color (with light noise, so frames span
# several packets) and tone; VP8 or H.264 video plus
# Opus. Overrides: SIZE, VSRC/ASRC (lavfi sources), SEQ (first RTP sequence
# number), NOAUDIO=1.
send() { # name vcodec port tone color [host]
  local name=$1 vcodec=$2 port=$3 tone=$4 host=${6:-127.0.0.1}
  local size=${SIZE:-320x240}
  local vsrc=${VSRC:-color=c=$5:size=$size:rate=30:duration=$duration,noise=alls=12:allf=t}
  local asrc=${ASRC:-sine=frequency=$tone:sample_rate=48000:duration=$duration}
  local venc audio=() seq=()
  if [ "$vcodec" = vp8 ]; then
    venc=(-c:v libvpx -deadline realtime -cpu-used 8 -lag-in-frames 0 -threads 1 -b:v 400k -g 30 -auto-alt-ref 0)
  else
    venc=(-c:v libx264 -preset ultrafast -tune zerolatency -profile:v baseline -pix_fmt yuv420p -g 30 -b:v 400k)
  fi
  [ -n "${SEQ:-}" ] && seq=(-seq "$SEQ")
  if [ "${NOAUDIO:-0}" != 1 ]; then
    audio=(-map 1:a -c:a libopus -b:a 48k -payload_type 111 -ssrc $((port * 7 + 1)) -f rtp "rtp://$host:$((port + 2))")
  fi
  ffmpeg -nostdin -hide_banner -loglevel error -re \
    -f lavfi -i "$vsrc" -f lavfi -i "$asrc" \
    -map 0:v "${venc[@]}" -payload_type 96 -ssrc $((port * 7)) "${seq[@]}" -f rtp "rtp://$host:$port" \
    "${audio[@]}" -sdp_file "$out/$name.sdp"
}

capture() { # file iface filter...
  local file=$1 iface=$2; shift 2
  # The filter also takes TCP to port 4999: a refused connection there is the
  # probe that proves the capture is running (the importer skips TCP frames).
  tcpdump -i "$iface" --immediate-mode -B 65536 -U -w "$file" "( $* ) or tcp port 4999" >/dev/null 2>"$file.log" &
  echo $!
  for _ in $(seq 100); do
    python3 -c "import socket; s=socket.socket(); s.settimeout(0.2); s.connect_ex(('127.0.0.1', 4999))"
    [ "$(stat -c %s "$file" 2>/dev/null || echo 0)" -gt 24 ] && break
    sleep 0.1
  done
}

stop_capture() { # pids: let tcpdump write out what it has, then wait for it to go
  kill -INT "$@" 2>/dev/null || true
  for pid in "$@"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
}

clean() { # logs...: true when every capture saw no kernel drops
  for log in "$@"; do grep -q "^0 packets dropped by kernel" "$log" || return 1; done
}

for attempt in 1 2 3; do
  echo "capturing 4 participants for ${duration}s"
  pid_lo=$(capture "$out/four.pcap" lo udp portrange 5000-5039)
  pid_any=$(capture "$out/four-sll.pcap" any udp portrange 5000-5039)
  send alice vp8 5000 440 red & p1=$!
  send bob h264 5010 660 green & p2=$!
  send carol vp8 5020 880 blue & p3=$!
  send dave h264 5030 1100 yellow & p4=$!
  wait $p1 $p2 $p3 $p4
  sleep 1.5  # let the last packets reach the capture before stopping it
  stop_capture "$pid_lo" "$pid_any"
  clean "$out/four.pcap.log" "$out/four-sll.pcap.log" && break
  echo "capture attempt $attempt dropped packets; retrying" >&2
  [ "$attempt" = 3 ] && { cat "$out"/four*.log >&2; exit 1; }
done

echo "capturing one IPv6 participant"
pid6=$(capture "$out/ipv6.pcap" lo udp portrange 5040-5043)
duration=1 send erin vp8 5040 500 white "[::1]"
sleep 1.5  # let the last packets reach the capture before stopping it
stop_capture "$pid6"
clean "$out/ipv6.pcap.log" || { cat "$out/ipv6.pcap.log" >&2; exit 1; }

# Render scenarios, one capture each (retried like the one above).
scenario() { # name portrange body-function
  local name=$1 range=$2 body=$3
  for attempt in 1 2 3; do
    echo "capturing scenario $name"
    local pid
    pid=$(capture "$out/$name.pcap" lo udp portrange "$range")
    $body
    sleep 1.5
    stop_capture "$pid"
    clean "$out/$name.pcap.log" && return 0
    echo "capture of $name dropped packets; retrying" >&2
  done
  cat "$out/$name.pcap.log" >&2; exit 1
}

# Two for the whole 8 s, one who joins 5 s late, one who leaves after 3 s.
reflow() {
  duration=8 send frank vp8 5100 300 red & local a=$!
  duration=8 send grace h264 5110 500 green & local b=$!
  duration=3 send ivan h264 5130 900 yellow & local d=$!
  sleep 5
  duration=3 send heidi vp8 5120 700 blue & local c=$!
  wait $a $b $c $d
}

# One VP8 sender that restarts at a new resolution (same SSRC, new sequence
# numbers and timestamps), as a sender adapting its resolution does.
resize() {
  duration=1.5 SEQ=30000 send judy vp8 5200 600 magenta
  cp "$out/judy.sdp" "$out/judy-first.sdp"
  duration=1.5 SEQ=100 SIZE=640x480 send judy vp8 5200 600 cyan
  cp "$out/judy-first.sdp" "$out/judy.sdp"
}

# Video that flashes white exactly when the audio beeps (at 0.5, 1.5, 2.5 s;
# aevalsrc works per sample, so the beep starts on the exact sample).
avsync() {
  VSRC="color=c=black:size=320x240:rate=30:duration=3,drawbox=c=white:t=fill:enable='between(mod(t\,1)\,0.5\,0.6)'" \
  ASRC="aevalsrc=exprs='if(between(mod(t\,1)\,0.5\,0.6)\,0.8*sin(2*PI*1000*t)\,0)':s=48000:d=3" \
    duration=3 send kim h264 5300 0 black
}

scenario reflow 5100-5139 reflow
scenario resize 5200-5203 resize
scenario avsync 5300-5303 avsync

editcap -F pcapng "$out/four.pcap" "$out/four.pcapng"
python3 scripts/drop-packets.py "$out/four.pcap" "$out/four-loss5.pcap" "$out/four-loss5.json" 20
# bob's H.264 without its first second (so the first packets seen are not a keyframe).
python3 scripts/drop-window.py "$out/four.pcap" "$out/four-nokey.pcap" 5010 0 0.5
# carol's VP8 pauses from 0.5 s until just before her keyframe at 2 s (black
# mode shows black from about 1.5 s, a second after her last picture).
python3 scripts/drop-window.py "$out/four.pcap" "$out/four-gap.pcap" 5020 0.5 1.95

# Files for WebRTC publishers (aiortc's MediaPlayer): a red picture with a
# 440 Hz tone, a green one with 880 Hz (re-encoded by aiortc), and a VP8 +
# Opus file at about 1.5 Mbit/s sent as is (--no-decode) by the benchmark.
ffmpeg -v error -y -f lavfi -i "color=c=red:s=320x240:r=30" -f lavfi -i "sine=f=440:sample_rate=48000" -t 5 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac "$out/publish-red.mp4"
# The red one for 40 s, for tests that watch a call grow (an HLS playlist).
ffmpeg -v error -y -f lavfi -i "color=c=red:s=320x240:r=30" -f lavfi -i "sine=f=440:sample_rate=48000" -t 40 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac "$out/publish-red-long.mp4"
ffmpeg -v error -y -f lavfi -i "color=c=green:s=320x240:r=30" -f lavfi -i "sine=f=880:sample_rate=48000" -t 5 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac "$out/publish-green.mp4"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=640x480:r=30" -f lavfi -i "sine=f=660:sample_rate=48000" -t 10 \
  -c:v libvpx -b:v 1400k -minrate 1400k -maxrate 1400k -deadline realtime -cpu-used 8 -g 60 -threads 2 \
  -c:a libopus -b:a 64k "$out/publish-bench.webm"
# Moving pictures for the impairment test (aiortc re-encodes them: several packets a frame).
ffmpeg -v error -y -f lavfi -i "testsrc2=s=640x480:r=30" -f lavfi -i "sine=f=440:sample_rate=48000" -t 8 \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac "$out/publish-motion.mp4"
# Chromium's fake camera and microphone play these: a blue picture, a 660 Hz tone.
ffmpeg -v error -y -f lavfi -i "color=c=blue:s=320x240:r=30" -t 2 -pix_fmt yuv420p "$out/publish-blue.y4m"
ffmpeg -v error -y -f lavfi -i "sine=f=660:sample_rate=48000" -t 5 -ac 1 "$out/publish-660.wav"

janus_publishers
for f in four four-sll ipv6 reflow resize avsync; do grep -h "dropped by kernel" "$out/$f.pcap.log"; done
touch "$stamp"
ls -la "$out"
