#!/usr/bin/env python3
"""Drives a page in headless Chromium over the DevTools protocol (Chromium's
own remote debugging, through the `websockets` library): opens URL, then for
each --step evaluates the JavaScript expression (awaiting a promise) until it
is truthy, within --timeout seconds, and prints one JSON line per step:
{"step": N, "value": ...} or {"step": N, "timeout": true, "last": ...}.
--screenshot PATH saves a PNG after the last step. Exits 1 on a timeout.

  browser_steps.py URL --step 'document.body.dataset.loaded' --step '...' [--screenshot p.png]

Chromium is started with a fake camera and microphone and the media prompt
accepted, so a page that asks for them is not stopped by it; tests check
themselves whether the page asked (navigator.mediaDevices is wrapped to count).
"""
import argparse
import asyncio
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets

COUNT_MEDIA_REQUESTS = """
window.__mediaRequests = 0;
if (navigator.mediaDevices) {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (c) => { window.__mediaRequests++; return original(c); };
}
"""


def emit(**fields):
    print(json.dumps(fields))
    sys.stdout.flush()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--step", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--screenshot")
    parser.add_argument("--size", default="1200,900")
    args = parser.parse_args()
    profile = tempfile.mkdtemp(prefix="tessera-steps-")
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    process = subprocess.Popen([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                                f"--user-data-dir={profile}", "--remote-debugging-port=0", f"--window-size={args.size}",
                                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failed = False
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) and time.time() < deadline:
            await asyncio.sleep(0.1)
        while time.time() < deadline:
            with open(port_file) as f:
                text = f.read().split("\n")[0].strip()
            if text:
                break
            await asyncio.sleep(0.1)
        port = int(text)
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=30))
        page = next(t for t in targets if t.get("type") == "page")
        async with websockets.connect(page["webSocketDebuggerUrl"], max_size=1 << 26) as socket:
            counter = iter(range(1, 1 << 30))

            async def call(method, **params):
                ident = next(counter)
                await socket.send(json.dumps({"id": ident, "method": method, "params": params}))
                while True:
                    message = json.loads(await socket.recv())
                    if message.get("id") == ident:
                        return message.get("result", {})

            width, height = (int(v) for v in args.size.split(","))
            await call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
            await call("Page.enable")
            await call("Page.addScriptToEvaluateOnNewDocument", source=COUNT_MEDIA_REQUESTS)
            await call("Page.navigate", url=args.url)
            for index, expression in enumerate(args.step):
                last = None
                step_deadline = time.time() + args.timeout
                while True:
                    result = await call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
                    last = result.get("result", {}).get("value")
                    if result.get("exceptionDetails"):
                        last = {"exception": result["exceptionDetails"].get("exception", {}).get("description")}
                    elif last:
                        emit(step=index, value=last)
                        break
                    if time.time() > step_deadline:
                        emit(step=index, timeout=True, last=last)
                        failed = True
                        break
                    await asyncio.sleep(0.2)
                if failed:
                    break
            if args.screenshot:
                shot = await call("Page.captureScreenshot", format="png")
                with open(args.screenshot, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)
    sys.exit(1 if failed else 0)


asyncio.run(main())
