#!/usr/bin/env bash
# A real Janus (Debian's janus package) for the interop tests, on loopback only:
# its HTTP API on 127.0.0.1:HTTP_PORT/janus, media on 127.0.0.1 in RTP_PORTS,
# and a VideoRoom plugin with two rooms: 1234 (open) and 4321 (PIN "sesame"),
# both recorded by Janus itself as .mjr files into RECORDINGS. With WS_PORT,
# the WebSocket transport too, on ws://127.0.0.1:WS_PORT. With TOKEN_SECRET,
# every request needs a token signed with it (Janus' signed-token auth:
# "EXPIRY,janus,janus.plugin.videoroom:" + base64 of HMAC-SHA1 over the part before ':').
#
#   janus_server.sh HTTP_PORT RTP_PORTS RECORDINGS [WS_PORT [TOKEN_SECRET]]   (e.g. 18088 40000-40100 /tmp/rec 18188)
#
# The configuration goes to a temporary folder; Janus runs in the foreground
# (exec), so the caller stops it with SIGTERM.
set -euo pipefail
http_port=$1 rtp_ports=$2 recordings=$3 ws_port=${4:-} token_secret=${5:-}
here="$(cd "$(dirname "$0")" && pwd)"
conf="$(mktemp -d /tmp/tessera-janus-XXXXXX)"
mkdir -p "$recordings"
libdir=/usr/lib/x86_64-linux-gnu/janus
[ -d "$libdir" ] || libdir="$(dirname "$(dpkg -L janus | grep -m1 '/plugins/libjanus_videoroom.so')")/.."
gcc -shared -fPIC -O2 -o "$conf/getifaddrs-no-loopback.so" "$here/janus/getifaddrs-no-loopback.c" -ldl

others="audiobridge duktape echotest lua nosip recordplay sip streaming textroom videocall voicemail"
disabled_plugins="$(for p in $others; do printf 'libjanus_%s.so,' "$p"; done)"
disabled_transports="libjanus_pfunix.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_rabbitmq.so"
[ -n "$ws_port" ] || disabled_transports="libjanus_websockets.so,$disabled_transports"
cat > "$conf/janus.jcfg" <<JCFG
general: {
	configs_folder = "$conf"
	plugins_folder = "$libdir/plugins"
	transports_folder = "$libdir/transports"
	events_folder = "$libdir/events"
	loggers_folder = "$libdir/loggers"
	debug_level = 4
	session_timeout = 60
$( [ -n "$token_secret" ] && printf '\ttoken_auth = true\n\ttoken_auth_secret = "%s"\n' "$token_secret" )
}
media: {
	rtp_port_range = "$rtp_ports"
}
nat: {
	ice_enforce_list = "lo"
	ignore_mdns = true
}
plugins: {
	disable = "${disabled_plugins%,}"
}
transports: {
	disable = "$disabled_transports"
}
loggers: {
	disable = "libjanus_jsonlog.so"
}
JCFG
cat > "$conf/janus.transport.http.jcfg" <<JCFG
general: {
	json = "plain"
	base_path = "/janus"
	http = true
	port = $http_port
	ip = "127.0.0.1"
	https = false
}
admin: {
	admin_http = false
}
JCFG
if [ -n "$ws_port" ]; then
  cat > "$conf/janus.transport.websockets.jcfg" <<JCFG
general: {
	json = "plain"
	ws = true
	ws_port = $ws_port
	ws_ip = "127.0.0.1"
	wss = false
}
admin: {
	admin_ws = false
	admin_wss = false
}
JCFG
fi
cat > "$conf/janus.plugin.videoroom.jcfg" <<JCFG
general: {
}
room-1234: {
	description = "tessera test room"
	publishers = 10
	bitrate = 1000000
	fir_freq = 10
	record = true
	rec_dir = "$recordings"
}
room-4321: {
	description = "tessera test room with a PIN"
	pin = "sesame"
	publishers = 10
	bitrate = 1000000
}
JCFG
# A parent may start us with signals blocked (Foundation's Process does):
# unblock them, so that SIGTERM stops Janus cleanly. The preload is Janus' alone.
exec python3 -c '
import os, signal, sys
signal.pthread_sigmask(signal.SIG_SETMASK, [])
os.execvpe("janus", ["janus"] + sys.argv[2:], dict(os.environ, LD_PRELOAD=sys.argv[1]))
' "$conf/getifaddrs-no-loopback.so" -C "$conf/janus.jcfg" -F "$conf" -o
