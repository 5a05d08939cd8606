#!/usr/bin/env bash
# Embeds docs/openapi.json into the binary (Sources/Server/Generated/OpenAPIDocument.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import json; json.load(open('docs/openapi.json'))"
{
  echo "// The OpenAPI 3.1 document served at /openapi.json. Generated from"
  echo "// docs/openapi.json by scripts/embed-openapi.sh; a test checks the two agree."
  echo "enum OpenAPIDocument {"
  echo '    static let json = #"""'
  cat docs/openapi.json
  echo '"""#'
  echo "}"
} > Sources/Server/Generated/OpenAPIDocument.swift
