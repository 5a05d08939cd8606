#!/usr/bin/env python3
"""Publishes to a WHIP endpoint from headless Chromium (Debian's package).

Serves chromium_publish.html on a loopback port, opens it in headless
Chromium whose fake camera and microphone play the given files, waits for
the page to report, and prints that report as one JSON line.

  chromium_publish.py WHIP_URL --video FILE.y4m --audio FILE.wav [--seconds 3] [--codec VP8|H264]
"""
import argparse
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

PAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chromium_publish.html")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("whip")
    parser.add_argument("--video", required=True)
    parser.add_argument("--audio", required=True)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--codec", default="VP8")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    result = {}
    done = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            with open(PAGE, "rb") as page:
                body = page.read()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            result.update(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()
            done.set()

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    query = urllib.parse.urlencode({"whip": args.whip, "seconds": args.seconds, "codec": args.codec})
    url = f"http://127.0.0.1:{server.server_port}/?{query}"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    profile = tempfile.mkdtemp(prefix="tessera-chromium-")
    process = subprocess.Popen([
        browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
        f"--user-data-dir={profile}", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={args.video}", f"--use-file-for-fake-audio-capture={args.audio}",
        "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required", url,
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not done.wait(args.timeout):
            result = {"status": 0, "error": f"the page did not report within {args.timeout} s"}
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
