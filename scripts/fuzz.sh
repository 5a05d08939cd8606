#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a bounded time.
# The modules are compiled with -sanitize=fuzzer,address in their own build
# folder, and each entry file is linked against their objects with swiftc
# (a SwiftPM executable target cannot be linked this way).
# A crash leaves its input in Fuzz/crashes/; keep it in Fuzz/seeds/TARGET/ and as a table case in Tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
scratch=.build-fuzz
swift build --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --target Dump >/dev/null
swift build --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --target WebRTC >/dev/null
swift build --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --target APIModel >/dev/null
swift build --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --target JanusProtocol >/dev/null
swift build --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --target Render >/dev/null
objects="$scratch/debug"
mkdir -p Fuzz/bin Fuzz/crashes

build() { # name "entry files" modules...
  local name=$1 entry=$2; shift 2
  local objs=()
  for m in "$@"; do
    # Only objects of the module's current sources: a moved file leaves a stale object behind.
    for source in $(find "Sources/$m" -name "*.swift"); do objs+=("$objects/$m.build/$(basename "$source").o"); done
  done
  swiftc -sanitize=fuzzer,address -parse-as-library -I "$objects/Modules" -I Sources/COpenSSL -I Sources/CSRTP -I Sources/CFFmpeg -I Sources/COpus \
    $(pkg-config --cflags-only-I opus | sed 's/-I/-Xcc -I/g') $entry "${objs[@]}" \
    -lcrypto -lssl -lsrtp2 -lavcodec -lavformat -lavutil -lswscale -lswresample -lopus \
    -o "Fuzz/bin/$name" 2> >(grep -v "Cannot export local symbol" >&2)
}

build fuzz-rtp Fuzz/FuzzRTP.swift RTP
build fuzz-rtcp Fuzz/FuzzRTCP.swift RTP
for codec in VP8 VP9 H264 Opus G711; do
  build "fuzz-$(echo $codec | tr A-Z a-z)" "Fuzz/Fuzz$codec.swift Fuzz/DepacketizerFuzzing.swift" RTP
done
build fuzz-sdp Fuzz/FuzzSDP.swift SDP
build fuzz-dump Fuzz/FuzzDump.swift Dump RTP SDP
build fuzz-stun Fuzz/FuzzSTUN.swift WebRTC RTP SDP Signing
build fuzz-connection Fuzz/FuzzConnection.swift WebRTC RTP SDP Signing
build fuzz-api Fuzz/FuzzAPI.swift APIModel JanusProtocol
build fuzz-janus Fuzz/FuzzJanus.swift JanusProtocol
build fuzz-import Fuzz/FuzzImport.swift Dump RTP SDP
build fuzz-pcap Fuzz/FuzzPcap.swift Dump RTP SDP
build fuzz-tar Fuzz/FuzzTar.swift Dump RTP SDP
build fuzz-mjr Fuzz/FuzzMJR.swift Dump RTP SDP
build fuzz-answer Fuzz/FuzzAnswer.swift WebRTC RTP SDP Signing
build fuzz-render Fuzz/FuzzRender.swift Render Media Dump RTP SDP

# Room signaling, the recorder's call plan and room tokens: their modules need
# NIO and GRDB, so their few sources are compiled straight into the fuzz binary.
rooms_sources=(Sources/Rooms/Signaling/{SignalingRoom,MemberMessage,RoomMessage,SignalingFields,RecorderCallPlan}.swift)
swiftc -sanitize=fuzzer,address -parse-as-library -module-name FuzzRooms -I "$objects/Modules" -I Sources/COpenSSL -I Sources/CSRTP \
  Fuzz/FuzzRooms.swift "${rooms_sources[@]}" Sources/Jobs/Service/RoomToken.swift Sources/Jobs/WebhookSignature.swift \
  $(for source in $(find Sources/RTP Sources/SDP Sources/WebRTC Sources/APIModel Sources/JanusProtocol Sources/Signing -name "*.swift"); do
      m=$(echo "$source" | cut -d/ -f2); echo "$objects/$m.build/$(basename "$source").o"; done) \
  -lcrypto -lssl -lsrtp2 -o Fuzz/bin/fuzz-rooms 2> >(grep -v "Cannot export local symbol" >&2)

# The S3 client's parsers of what a storage server answers: their module links
# async-http-client, so its sources without I/O are compiled into the fuzz binary.
s3_sources=(Sources/ObjectStorage/XML/*.swift Sources/ObjectStorage/Client/{S3Error,S3Answers,S3Location,S3Endpoint}.swift Sources/ObjectStorage/SigV4/URIEncoding.swift)
swiftc -sanitize=fuzzer,address -parse-as-library -module-name FuzzS3 Fuzz/FuzzS3.swift "${s3_sources[@]}" \
  -o Fuzz/bin/fuzz-s3 2> >(grep -v "Cannot export local symbol" >&2)

status=0
# Every target, in the order they run (Fuzz/targets; scripts/fuzz-long.sh reads it too).
mapfile -t all_targets < Fuzz/targets
# FUZZ_ONLY="fuzz-stun fuzz-rtcp" runs just those.
read -r -a targets <<< "${FUZZ_ONLY:-${all_targets[*]}}"
for target in "${targets[@]}"; do
  corpus="Fuzz/corpus-${target#fuzz-}"
  mkdir -p "$corpus"
  if [ -d "Fuzz/seeds/${target#fuzz-}" ]; then cp -n Fuzz/seeds/"${target#fuzz-}"/* "$corpus"/ 2>/dev/null || true; fi
  if "Fuzz/bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="Fuzz/crashes/$target-" "$corpus" >"Fuzz/bin/$target.log" 2>&1; then
    runs=$(grep -oE 'Done [0-9]+ runs' "Fuzz/bin/$target.log" | tail -1)
    echo "fuzz: $target ok ($runs in ${seconds}s)"
  else
    echo "fuzz: $target FOUND A CRASH:" >&2
    tail -40 "Fuzz/bin/$target.log" >&2
    status=1
  fi
done
exit $status
