#!/usr/bin/env bash
# Embeds the pages of web/ into the binary (Sources/Server/Generated/WebPages.swift),
# so the service serves them with no files beside it and no build step:
# the jobs page (/), the call page (/call/{room}) and its signaling module.
# `make test` checks that the generated file matches web/ (scripts/check-embeds.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "// Generated from web/ by scripts/embed-web.sh: edit web/, then run it."
  echo ""
  echo "/// The jobs page at \`/\` (web/jobs.html), the operator's console: plain HTML"
  echo "/// and JavaScript. It lists recordings and renders with their state, reason,"
  echo "/// duration, poster and files (downloaded through signed links); starts"
  echo "/// recordings from a chosen source, stops, re-renders and deletes them, shows"
  echo "/// a job's details and makes call links; rows update in place every 2 s."
  echo "/// The API key, when the server wants one, is typed into the page and kept"
  echo "/// in the tab's sessionStorage; every call sends it as a bearer token."
  echo "enum JobsPage {"
  echo '    static let html = #"""'
  cat web/jobs.html
  echo '"""#'
  echo "}"
  echo ""
  echo "/// The browser call page (/call/{room}, web/call.html) and its signaling"
  echo "/// module (/call-assets/tessera-room.js, web/tessera-room.js)."
  echo "enum CallPage {"
  echo '    static let html = #"""'
  cat web/call.html
  echo '"""#'
  echo ""
  echo '    static let signalingModule = #"""'
  cat web/tessera-room.js
  echo '"""#'
  echo "}"
} > Sources/Server/Generated/WebPages.swift
