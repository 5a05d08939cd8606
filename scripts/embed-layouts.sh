#!/usr/bin/env bash
# Embeds the shipped layouts (layouts/*.json) into the binary
# (Sources/Render/Generated/ShippedLayouts.swift), so `tessera render` and
# `tessera serve` find them from any directory. layouts/ (and
# $TESSERA_LAYOUTS) still take precedence. A test checks the two agree.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p Sources/Render/Generated
{
  echo "// The layouts that ship with tessera. Generated from layouts/ by scripts/embed-layouts.sh."
  echo "enum ShippedLayouts {"
  echo "    static let byName: [String: String] = ["
  for file in layouts/*.json; do
    name=$(basename "$file" .json)
    echo "        \"$name\": #\"\"\""
    cat "$file"
    echo "\"\"\"#,"
  done
  echo "    ]"
  echo "}"
} > Sources/Render/Generated/ShippedLayouts.swift
