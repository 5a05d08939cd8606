"""A webhook receiver for tests: records every POST it gets (headers and
body) as one JSON line in --out, and answers 500 to the first --fail
requests so the sender's retries can be seen. Stops after --seconds."""
import argparse
import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    lock = threading.Lock()
    state = {"count": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with lock:
                state["count"] += 1
                failing = state["count"] <= args.fail
                with open(args.out, "a") as out:
                    out.write(json.dumps({
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": base64.b64encode(body).decode(),
                        "answered": 500 if failing else 204,
                    }) + "\n")
            self.send_response(500 if failing else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("listening", flush=True)
    timer = threading.Timer(args.seconds, server.shutdown)
    timer.start()
    server.serve_forever()
    timer.cancel()


if __name__ == "__main__":
    main()
