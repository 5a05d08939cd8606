#!/usr/bin/env bash
# The generated embeds (web pages, the OpenAPI document, the shipped layouts)
# must match their sources: regenerate them and fail on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
generated=(Sources/Server/Generated/WebPages.swift Sources/Server/Generated/OpenAPIDocument.swift Sources/Render/Generated/ShippedLayouts.swift)
before=$(cat "${generated[@]}" | sha256sum)
bash scripts/embed-web.sh
bash scripts/embed-openapi.sh
bash scripts/embed-layouts.sh
after=$(cat "${generated[@]}" | sha256sum)
if [ "$before" != "$after" ]; then
  echo "check-embeds: a generated file did not match its source; it is regenerated now: commit it" >&2
  exit 1
fi
echo "check-embeds: web pages, OpenAPI document and layouts match their sources"
