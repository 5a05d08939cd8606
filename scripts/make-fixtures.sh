#!/usr/bin/env bash
# Makes the media fixtures the tests read, once per checkout: ffmpeg's own
# encoders and RTP packetizer send to loopback while tcpdump captures.
# Output: .fixtures/ (or $TESSERA_FIXTURES). Re-run with FORCE=1 to redo.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TESSERA_FIXTURES:-$PWD/.fixtures}"
stamp="$out/.complete-v5"
if [ -f "$stamp" ] && [ "${FORCE:-0}" != 1 ]; then echo "fixtures up to date in $out"; exit 0; fi
rm -rf "$out"; mkdir -p "$out"
duration=3

# Each participant: a distinct picture and tone; VP8 or H.264 video plus Opus.
send() { # name vcodec port tone color
  local name=$1 vcodec=$2 port=$3 tone=$4 host=${6:-127.0.0.1}
  local venc
  if [ "$vcodec" = vp8 ]; then
    venc=(-c:v libvpx -deadline realtime -cpu-used 8 -b:v 400k -g 30 -auto-alt-ref 0)
  else
    venc=(-c:v libx264 -preset ultrafast -tune zerolatency -profile:v baseline -pix_fmt yuv420p -g 30 -b:v 400k)
  fi
  ffmpeg -nostdin -hide_banner -loglevel error -re \
    -f lavfi -i "testsrc2=size=320x240:rate=30:duration=$duration,drawbox=c=$5:t=fill:w=80:h=60" \
    -f lavfi -i "sine=frequency=$tone:sample_rate=48000:duration=$duration" \
    -map 0:v "${venc[@]}" -payload_type 96 -ssrc $((port * 7)) -f rtp "rtp://$host:$port" \
    -map 1:a -c:a libopus -b:a 48k -payload_type 111 -ssrc $((port * 7 + 1)) -f rtp "rtp://$host:$((port + 2))" \
    -sdp_file "$out/$name.sdp"
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

editcap -F pcapng "$out/four.pcap" "$out/four.pcapng"
python3 scripts/drop-packets.py "$out/four.pcap" "$out/four-loss5.pcap" "$out/four-loss5.json" 20

for f in four four-sll ipv6; do grep -h "dropped by kernel" "$out/$f.pcap.log"; done
touch "$stamp"
ls -la "$out"
