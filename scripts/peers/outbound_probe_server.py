#!/usr/bin/env python3
"""A hostile HTTP server on loopback for tessera's outbound tests.

Two ports: the first answers as a WHEP/Janus/webhook server that misbehaves,
the second stands for "another host" and counts every request it gets
(with its Authorization header) on standard output.

  /redirect    307 to the second port (with a body that must not be echoed)
  /big         200 with 8 MiB of body
  /slow        200 headers, then a body that never finishes
  /ok          201 with a tiny SDP answer and a Location on the second port
Prints "ports FIRST SECOND" first; stops by itself after --seconds.
"""
import argparse
import http.server
import socketserver
import threading
import time


class Quiet(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()

    class Other(Quiet):
        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            print("other-host %s %s auth=%s" % (self.command, self.path, self.headers.get("Authorization")), flush=True)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_DELETE = do_PATCH = handle_any

    other = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Other)
    other.daemon_threads = True
    other_port = other.server_address[1]

    class Hostile(Quiet):
        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if self.path.startswith("/redirect"):
                body = b"secret-internal-body"
                self.send_response(307)
                self.send_header("Location", "http://127.0.0.1:%d/steal" % other_port)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path.startswith("/big"):
                size = 8 << 20
                self.send_response(200)
                self.send_header("Content-Length", str(size))
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    for _ in range(size // len(chunk)):
                        self.wfile.write(chunk)
                except OSError:
                    pass
            elif self.path.startswith("/slow"):
                self.send_response(200)
                self.send_header("Content-Length", "1000000")
                self.end_headers()
                try:
                    for _ in range(600):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.2)
                except OSError:
                    pass
            else:
                body = b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                self.send_response(201)
                self.send_header("Content-Type", "application/sdp")
                self.send_header("Location", "http://127.0.0.1:%d/resource" % other_port)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        do_GET = do_POST = do_DELETE = do_PATCH = handle_any

    hostile = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Hostile)
    hostile.daemon_threads = True
    for server in (other, hostile):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ports %d %d" % (hostile.server_address[1], other_port), flush=True)
    deadline = time.time() + args.seconds
    while time.time() < deadline:
        time.sleep(0.2)


if __name__ == "__main__":
    main()
