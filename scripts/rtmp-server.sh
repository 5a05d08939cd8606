#!/usr/bin/env bash
# Runs a real RTMP server for tests and benchmarks: Debian's nginx with
# libnginx-mod-rtmp, on loopback, as the calling user, in the foreground
# until killed. Application "live" takes any stream key and records each
# published stream whole to DIR/records/KEY.flv (complete when the
# publisher leaves; publishing to the key again starts the file anew).
#
#   rtmp-server.sh DIR PORT
set -euo pipefail
dir=$1 port=$2
mkdir -p "$dir/records" "$dir/logs"
cat > "$dir/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 64; }
rtmp {
  server {
    listen 127.0.0.1:$port;
    chunk_size 4096;
    application live {
      live on;
      record all;
      record_path $dir/records;
      record_unique off;
      record_append off;
    }
  }
}
CONF
exec nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log"
