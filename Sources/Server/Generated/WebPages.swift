// Generated from web/ by scripts/embed-web.sh: edit web/, then run it.

/// The jobs page at `/` (web/jobs.html): plain HTML and JavaScript. It lists
/// recordings and renders with their state, room, duration, poster and files
/// (downloaded through signed links), stops running recordings, starts new
/// ones, and refreshes itself every 2 s. The API key, if the server has one,
/// is typed into the page and kept in the tab's sessionStorage; every call
/// sends it as a bearer token.
enum JobsPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tessera — recordings</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; background: #fafafa; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  form { margin-bottom: 1rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
  input { padding: .3rem .4rem; }
  button { padding: .3rem .7rem; cursor: pointer; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border-bottom: 1px solid #ddd; padding: .4rem .5rem; text-align: left; vertical-align: middle; }
  th { background: #f0f0f0; font-weight: 600; }
  img.poster { width: 128px; height: 72px; object-fit: cover; background: #ccc; display: block; }
  .state { font-weight: 600; }
  .state.active { color: #c00; }
  .state.completed, .state.limit_reached { color: #070; }
  .state.failed { color: #a50; }
  #status { color: #666; margin-left: auto; }
</style>
</head>
<body>
<h1>tessera — recordings and renders</h1>
<form id="start">
  <label>API key <input id="key" type="password" autocomplete="off" size="18"></label>
  <label>Room <input id="room" placeholder="room name" size="14" pattern="[A-Za-z0-9_-]{1,64}"></label>
  <button type="submit">Start recording</button>
  <span id="status"></span>
</form>
<table>
  <thead><tr><th>Poster</th><th>Kind</th><th>Room</th><th>State</th><th>Duration</th><th>Created</th><th>Files</th><th></th></tr></thead>
  <tbody id="jobs"><tr><td colspan="8">loading…</td></tr></tbody>
</table>
<script type="module">
const keyInput = document.getElementById("key");
localStorage.removeItem("tessera-key");  // where earlier versions kept it, for good
keyInput.value = sessionStorage.getItem("tessera-key") || "";
keyInput.addEventListener("change", () => { sessionStorage.setItem("tessera-key", keyInput.value); refresh(); });
const status = document.getElementById("status");
const posters = new Map();  // job id -> object URL of its poster

function headers(json) {
  const h = {};
  if (keyInput.value) h["Authorization"] = "Bearer " + keyInput.value;
  if (json) h["Content-Type"] = "application/json";
  return h;
}

async function api(method, path, body) {
  const response = await fetch(path, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(data && data.message ? data.message : response.status + "");
  return data;
}

function cell(row, content) {
  const td = document.createElement("td");
  if (content instanceof Node) td.appendChild(content); else td.textContent = content ?? "";
  row.appendChild(td);
  return td;
}

async function poster(job) {
  if (posters.has(job.id)) return posters.get(job.id);
  if (!job.files.some(f => f.name === "poster.jpg")) return null;
  const kind = job.kind === "recording" ? "recordings" : "renders";
  const response = await fetch(`/v1/${kind}/${job.id}/files/poster.jpg`, { headers: headers(false) });
  if (!response.ok) return null;
  const url = URL.createObjectURL(await response.blob());
  posters.set(job.id, url);
  return url;
}

async function download(job, name) {
  const kind = job.kind === "recording" ? "recordings" : "renders";
  const link = await api("POST", `/v1/${kind}/${job.id}/files/${name}/link`);
  window.location.href = link.url;
}

async function render(jobs) {
  const body = document.getElementById("jobs");
  const rows = [];
  for (const job of jobs) {
    const row = document.createElement("tr");
    row.dataset.id = job.id;
    const img = document.createElement("img");
    img.className = "poster";
    img.alt = "";
    img.addEventListener("load", () => { img.dataset.loaded = "true"; });
    const url = await poster(job);
    if (url) img.src = url;
    cell(row, img);
    cell(row, job.kind);
    cell(row, job.room || "");
    const state = cell(row, job.state.replace("_", " "));
    state.className = "state " + job.state;
    if (job.error) state.title = job.error.message;
    cell(row, job.durationSeconds != null ? job.durationSeconds.toFixed(1) + " s" : "");
    cell(row, new Date(job.createdAt).toLocaleString());
    const files = document.createElement("span");
    for (const file of job.files.filter(f => f.name !== "poster.jpg")) {
      const a = document.createElement("a");
      a.href = "#";
      a.textContent = `${file.name} (${(file.size / 1e6).toFixed(1)} MB)`;
      a.addEventListener("click", e => { e.preventDefault(); download(job, file.name).catch(err => status.textContent = err.message); });
      files.appendChild(a);
      files.appendChild(document.createElement("br"));
    }
    cell(row, files);
    const actions = document.createElement("span");
    if (job.kind === "recording" && job.state === "active") {
      const stop = document.createElement("button");
      stop.textContent = "Stop";
      stop.addEventListener("click", async () => {
        stop.disabled = true;
        try { await api("POST", `/v1/recordings/${job.id}/stop`); } catch (err) { status.textContent = err.message; }
        refresh();
      });
      actions.appendChild(stop);
    }
    cell(row, actions);
    rows.push(row);
  }
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const row = document.createElement("tr");
    cell(row, "no jobs yet").colSpan = 8;
    body.replaceChildren(row);
  }
}

async function refresh() {
  try {
    const [recordings, renders] = await Promise.all([api("GET", "/v1/recordings?limit=50"), api("GET", "/v1/renders?limit=50")]);
    const jobs = recordings.jobs.concat(renders.jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    await render(jobs);
    status.textContent = "updated " + new Date().toLocaleTimeString();
    document.body.dataset.loaded = "true";
  } catch (err) {
    status.textContent = err.message === "401" || /API key/.test(err.message) ? "enter the API key" : err.message;
  }
}

document.getElementById("start").addEventListener("submit", async e => {
  e.preventDefault();
  const room = document.getElementById("room").value.trim();
  if (!room) return;
  try { await api("POST", "/v1/recordings", { room }); } catch (err) { status.textContent = err.message; }
  refresh();
});

refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
"""#
}

/// The browser call page (/call/{room}, web/call.html) and its signaling
/// module (/call-assets/tessera-room.js, web/tessera-room.js).
enum CallPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tessera call</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #111; color: #eee; }
  header { display: flex; gap: .5rem; align-items: center; padding: .5rem 1rem; background: #222; flex-wrap: wrap; }
  header h1 { font-size: 1rem; margin: 0 1rem 0 0; }
  button { background: #333; color: #eee; border: 1px solid #555; border-radius: 4px; padding: .3rem .7rem; cursor: pointer; }
  button[aria-pressed="true"] { background: #a33; }
  #recording { display: none; color: #fff; background: #c00; border-radius: 4px; padding: .2rem .6rem; font-weight: bold; }
  #recording.on { display: inline-block; }
  #status { margin-left: auto; font-size: .85rem; color: #aaa; }
  main { display: grid; grid-template-columns: 1fr 18rem; height: calc(100vh - 3rem); }
  #tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .5rem; padding: .5rem; align-content: start; }
  .tile { position: relative; background: #000; aspect-ratio: 4 / 3; border-radius: 6px; overflow: hidden; }
  .tile video { width: 100%; height: 100%; object-fit: contain; }
  .tile span { position: absolute; left: .4rem; bottom: .3rem; background: rgba(0,0,0,.6); padding: .1rem .4rem; border-radius: 3px; font-size: .8rem; }
  aside { display: flex; flex-direction: column; border-left: 1px solid #333; }
  #messages { flex: 1; overflow-y: auto; padding: .5rem; font-size: .9rem; }
  #chat { display: flex; padding: .5rem; gap: .3rem; }
  #chat input { flex: 1; background: #222; color: #eee; border: 1px solid #555; padding: .3rem; }
</style>
</head>
<body>
<header>
  <h1 id="title">tessera</h1>
  <button id="mic" aria-pressed="false">Mute mic</button>
  <button id="cam" aria-pressed="false">Camera off</button>
  <button id="share" aria-pressed="false">Share screen</button>
  <button id="record-start" hidden>Start recording</button>
  <button id="record-stop" hidden>Stop recording</button>
  <span id="recording" role="status">● REC</span>
  <span id="status">connecting…</span>
</header>
<main>
  <section id="tiles"></section>
  <aside>
    <div id="messages" aria-live="polite"></div>
    <form id="chat"><input id="chat-text" placeholder="Message" maxlength="2000" autocomplete="off"><button>Send</button></form>
  </aside>
</main>
<script type="module">
import { TesseraRoom } from "/call-assets/tessera-room.js";

const params = new URLSearchParams(location.search);
const roomName = decodeURIComponent(location.pathname.split("/").pop());
const token = params.get("token") || "";
const $ = (id) => document.getElementById(id);
const state = { peers: new Map(), local: null, screen: null, id: null, log: [] };
window.tessera = state;  // for tests and debugging
$("title").textContent = roomName;

function note(text) { state.log.push(text); $("status").textContent = text; }

// Test pictures and tones instead of a camera (?fake=COLOR:HZ), so tiles can be told apart.
function fakeStream(color, hz, width = 320, height = 240) {
  const canvas = Object.assign(document.createElement("canvas"), { width, height });
  const context = canvas.getContext("2d");
  let frame = 0;
  setInterval(() => { context.fillStyle = color; context.fillRect(0, 0, width, height); context.fillStyle = color === "black" ? "#111" : color; context.fillRect(0, 0, 2, 2 + (frame++ % 2)); }, 33);
  const stream = canvas.captureStream(30);
  if (hz) {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    oscillator.frequency.value = Number(hz);
    const destination = audio.createMediaStreamDestination();
    oscillator.connect(destination);
    oscillator.start();
    audio.resume();
    for (const track of destination.stream.getAudioTracks()) stream.addTrack(track);
  }
  return stream;
}

async function localMedia() {
  const fake = params.get("fake");
  if (fake) { const [color, hz] = fake.split(":"); return fakeStream(color, hz); }
  return navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
}

function tile(id, name) {
  let element = document.getElementById("tile-" + id);
  if (!element) {
    element = Object.assign(document.createElement("div"), { className: "tile", id: "tile-" + id });
    element.append(Object.assign(document.createElement("video"), { autoplay: true, playsInline: true, muted: id === "self" }),
                   Object.assign(document.createElement("span"), { textContent: name }));
    $("tiles").append(element);
  }
  return element;
}

const room = new TesseraRoom(TesseraRoom.socketURL(roomName, token));

function peerConnection(peer) {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const entry = { pc, peer, makingOffer: false, polite: state.id > peer.id, stream: new MediaStream() };
  state.peers.set(peer.id, entry);
  pc.onicecandidate = ({ candidate }) => { if (candidate) room.candidate(peer.id, candidate.toJSON()); };
  if (peer.role !== "recorder") {
    pc.ontrack = ({ track }) => {
      entry.stream.addTrack(track);
      tile(peer.id, peer.name).querySelector("video").srcObject = entry.stream;
    };
  }
  // Later changes (a screen share started or stopped) are new offers on the same connection.
  pc.onnegotiationneeded = async () => {
    if (!entry.ready) return;
    try {
      entry.makingOffer = true;
      await pc.setLocalDescription();
      room.offer(peer.id, pc.localDescription.sdp);
    } finally { entry.makingOffer = false; }
  };
  return entry;
}

function addLocalTracks(entry) {
  for (const track of state.local.getTracks()) entry.pc.addTrack(track, state.local);
  if (state.screen) for (const track of state.screen.getTracks()) entry.pc.addTrack(track, state.screen);
}

async function call(peer) {
  const entry = peerConnection(peer);
  addLocalTracks(entry);
  if (peer.role === "recorder") for (const t of entry.pc.getTransceivers()) t.direction = "sendonly";
  await entry.pc.setLocalDescription(await entry.pc.createOffer());
  room.offer(peer.id, entry.pc.localDescription.sdp);
}

room.addEventListener("offer", async ({ detail }) => {
  let entry = state.peers.get(detail.from);
  const fresh = !entry;
  if (fresh) entry = peerConnection({ id: detail.from, name: detail.name, role: detail.from.startsWith("recorder-") ? "recorder" : "participant" });
  const collision = entry.makingOffer || entry.pc.signalingState !== "stable";
  if (collision && !entry.polite) return;
  await entry.pc.setRemoteDescription({ type: "offer", sdp: detail.sdp });
  if (fresh) {
    addLocalTracks(entry);
    if (entry.peer.role === "recorder") for (const t of entry.pc.getTransceivers()) if (t.sender.track) t.direction = "sendonly";
  }
  await entry.pc.setLocalDescription(await entry.pc.createAnswer());
  room.answer(detail.from, entry.pc.localDescription.sdp);
  entry.ready = true;
});

room.addEventListener("answer", async ({ detail }) => {
  const entry = state.peers.get(detail.from);
  if (!entry) return;
  await entry.pc.setRemoteDescription({ type: "answer", sdp: detail.sdp });
  entry.ready = true;
});

room.addEventListener("candidate", async ({ detail }) => {
  const entry = state.peers.get(detail.from);
  if (entry && detail.candidate) { try { await entry.pc.addIceCandidate(detail.candidate); } catch {} }
});

function hangUp(id) {
  const entry = state.peers.get(id);
  if (entry) { entry.pc.close(); state.peers.delete(id); }
  document.getElementById("tile-" + id)?.remove();
}
room.addEventListener("peer-left", ({ detail }) => hangUp(detail.id));
room.addEventListener("hangup", ({ detail }) => hangUp(detail.from));
room.addEventListener("peer-joined", ({ detail }) => note(`${detail.peer.name} joined`));
room.addEventListener("recording", ({ detail }) => showRecording(detail.active));
room.addEventListener("chat", ({ detail }) => {
  const line = document.createElement("div");
  line.textContent = `${detail.name}: ${detail.text}`;
  $("messages").append(line);
});
room.addEventListener("error", ({ detail }) => note(`error: ${detail.message}`));
room.addEventListener("close", ({ detail }) => note(`disconnected (${detail.code})`));

function showRecording(active) {
  state.recording = active;
  $("recording").classList.toggle("on", active);
}

async function shareScreen() {
  if (state.screen) {
    for (const entry of state.peers.values()) {
      for (const sender of entry.pc.getSenders()) if (sender.track && state.screen.getTracks().includes(sender.track)) entry.pc.removeTrack(sender);
    }
    state.screen.getTracks().forEach((t) => t.stop());
    state.screen = null;
    document.getElementById("tile-screen")?.remove();
  } else {
    const fake = params.get("fakeScreen");
    state.screen = fake ? fakeStream(fake, null, 640, 360) : await navigator.mediaDevices.getDisplayMedia({ video: true });
    tile("screen", "your screen").querySelector("video").srcObject = state.screen;
    for (const entry of state.peers.values()) for (const track of state.screen.getTracks()) entry.pc.addTrack(track, state.screen);
  }
  $("share").setAttribute("aria-pressed", String(!!state.screen));
}

function toggle(button, kind) {
  const on = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-pressed", String(on));
  for (const track of state.local.getTracks()) {
    if (track.kind !== kind) continue;
    track.enabled = !on;
    room.mediaState(kind, !on, track.id);
  }
}

$("mic").onclick = () => toggle($("mic"), "audio");
$("cam").onclick = () => toggle($("cam"), "video");
$("share").onclick = () => shareScreen().catch((e) => note(`screen share failed: ${e.message}`));
$("record-start").onclick = () => room.record("start");
$("record-stop").onclick = () => room.record("stop");
$("chat").onsubmit = (event) => { event.preventDefault(); const text = $("chat-text").value.trim(); if (text) room.chat(text); $("chat-text").value = ""; };

try {
  state.local = await localMedia();
  tile("self", "you").querySelector("video").srcObject = state.local;
  const welcome = await room.connect();
  state.id = welcome.id;
  showRecording(welcome.recording.active);
  $("record-start").hidden = $("record-stop").hidden = !welcome.mayRecord;
  note(`in ${roomName} as ${welcome.name}`);
  // Whoever joins calls everyone already there (the recorder included).
  for (const peer of welcome.peers) await call(peer);
  // Scripted sharing for demos and tests: ?shareAfter=S starts it, &shareFor=S stops it again.
  const shareAfter = Number(params.get("shareAfter")), shareFor = Number(params.get("shareFor"));
  if (shareAfter) setTimeout(() => shareScreen(), shareAfter * 1000);
  if (shareAfter && shareFor) setTimeout(() => shareScreen(), (shareAfter + shareFor) * 1000);
  // Likewise the camera: ?camOffAfter=S turns it off, &camOffFor=S on again.
  const camOffAfter = Number(params.get("camOffAfter")), camOffFor = Number(params.get("camOffFor"));
  if (camOffAfter) setTimeout(() => $("cam").click(), camOffAfter * 1000);
  if (camOffAfter && camOffFor) setTimeout(() => $("cam").click(), (camOffAfter + camOffFor) * 1000);
} catch (error) {
  note(`cannot join: ${error.message}`);
}
</script>
</body>
</html>
"""#

    static let signalingModule = #"""
// tessera's room signaling client: one small ES module, no dependencies.
// The protocol is in docs/rooms.md. Usage:
//   import { TesseraRoom } from "/call-assets/tessera-room.js";
//   const room = new TesseraRoom(TesseraRoom.socketURL("standup", token));
//   room.addEventListener("offer", (e) => ...e.detail.from, e.detail.sdp);
//   const welcome = await room.connect();
export class TesseraRoom extends EventTarget {
  static socketURL(room, token, base = globalThis.location) {
    const scheme = base.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${base.host}/v1/rooms/${encodeURIComponent(room)}/ws?token=${encodeURIComponent(token)}`;
  }

  constructor(url) {
    super();
    this.url = url;
    this.socket = null;
    this.id = null;
  }

  /** Opens the socket; resolves with the `welcome` message (your id, the peers, the recording state). */
  connect() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.socket = socket;
      let welcomed = false;
      socket.onmessage = (event) => {
        let message;
        try { message = JSON.parse(event.data); } catch { return; }
        if (message.type === "welcome") { this.id = message.id; welcomed = true; resolve(message); }
        this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
      };
      socket.onclose = (event) => {
        if (!welcomed) reject(new Error(`the room refused the connection (${event.code} ${event.reason || ""})`));
        this.dispatchEvent(new CustomEvent("close", { detail: { code: event.code, reason: event.reason } }));
      };
    });
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  offer(to, sdp) { this.send({ type: "offer", to, sdp }); }
  answer(to, sdp) { this.send({ type: "answer", to, sdp }); }
  candidate(to, candidate) { this.send({ type: "candidate", to, candidate }); }
  hangup(to) { this.send({ type: "hangup", to }); }
  chat(text) { this.send({ type: "chat", text }); }
  /** A camera or microphone turned off (enabled false) or on; `track` is the MediaStreamTrack's id. */
  mediaState(kind, enabled, track) { this.send({ type: "media-state", kind, enabled, ...(track ? { track } : {}) }); }
  /** "start" or "stop": only for tokens that may record. */
  record(action) { this.send({ type: "record", action }); }
  close() { if (this.socket) this.socket.close(1000, "bye"); }
}
"""#
}
