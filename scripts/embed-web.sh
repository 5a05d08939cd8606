#!/usr/bin/env bash
# Embeds the call page and its signaling module (web/) into the binary
# (Sources/Server/Rooms/CallPage.swift), so the service serves them with no
# files beside it and no build step. A test checks the two agree.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "// The browser call page (/call/{room}) and its signaling module"
  echo "// (/call-assets/tessera-room.js). Generated from web/ by scripts/embed-web.sh."
  echo "enum CallPage {"
  echo '    static let html = #"""'
  cat web/call.html
  echo '"""#'
  echo ""
  echo '    static let signalingModule = #"""'
  cat web/tessera-room.js
  echo '"""#'
  echo "}"
} > Sources/Server/Rooms/CallPage.swift
