// Generated from web/ by scripts/embed-web.sh: edit web/, then run it.

/// The jobs page at `/` (web/jobs.html), the operator's console: plain HTML
/// and JavaScript. It lists recordings and renders with their state, reason,
/// duration, poster and files (downloaded through signed links); starts
/// recordings from a chosen source, stops, re-renders and deletes them, shows
/// a job's details and makes call links; rows update in place every 2 s.
/// The API key, when the server wants one, is typed into the page and kept
/// in the tab's sessionStorage; every call sends it as a bearer token.
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
  h2 { font-size: 1rem; margin: 0 0 .4rem; }
  form { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: 0; }
  .panel { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .7rem; margin-bottom: 1rem; }
  .panels { display: grid; grid-template-columns: 2fr 1fr; gap: 1rem; }
  input, select { padding: .3rem .4rem; }
  button { padding: .3rem .7rem; cursor: pointer; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border-bottom: 1px solid #ddd; padding: .4rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f0f0f0; font-weight: 600; }
  img.poster { width: 128px; height: 72px; object-fit: cover; display: block; }
  .no-poster { width: 128px; height: 72px; display: grid; place-items: center; color: #999; border: 1px dashed #ccc; font-size: .8rem; }
  .state { font-weight: 600; }
  .state.active { color: #c00; }
  .state.completed, .state.limit_reached { color: #070; }
  .state.failed, .state.aborted { color: #a50; }
  .reason { display: block; font-weight: normal; color: #744; font-size: .85rem; max-width: 22rem; }
  .node { display: block; font-weight: normal; color: #557; font-size: .8rem; }
  #message { display: none; padding: .5rem .8rem; border-radius: 4px; margin-bottom: 1rem; background: #fde8e8; border: 1px solid #e99; color: #700; }
  #message.shown { display: flex; gap: 1rem; align-items: center; }
  #message.info { background: #e8f4fd; border-color: #9ce; color: #035; }
  #message button { margin-left: auto; }
  #updated { color: #888; font-size: .85rem; }
  .hidden { display: none !important; }
  tr.details td { background: #f7f7f7; font-size: .85rem; }
  tr.details pre { white-space: pre-wrap; margin: .2rem 0; }
  .empty { color: #555; }
  code { background: #eee; padding: 0 .2rem; border-radius: 3px; }
  .actions button { margin: 0 .2rem .2rem 0; }
</style>
</head>
<body>
<h1>tessera — recordings and renders <span id="updated"></span></h1>
<div id="message" role="alert"><span id="message-text"></span><button id="dismiss" type="button" aria-label="dismiss">×</button></div>
<div id="key-panel" class="panel hidden">
  <form id="key-form"><label>API key <input id="key" type="password" autocomplete="off" size="24"></label><button>Use key</button>
  <span id="key-note"></span></form>
</div>
<div class="panels">
  <div class="panel">
    <h2>Start a recording</h2>
    <form id="start">
      <select id="source" aria-label="source">
        <option value="whip">WHIP publishers</option><option value="room">built-in room</option>
        <option value="whep">WHEP source</option><option value="janus">Janus VideoRoom</option>
      </select>
      <label>Room <input id="room" list="rooms" placeholder="room name" size="14" required pattern="[A-Za-z0-9_-]{1,64}"></label>
      <datalist id="rooms"></datalist>
      <input id="url" class="hidden" placeholder="source URL" size="28">
      <input id="token" class="hidden" placeholder="token (optional)" size="12">
      <input id="janus-room" class="hidden" placeholder="Janus room" size="8">
      <input id="pin" class="hidden" placeholder="PIN (optional)" size="8">
      <select id="layout" aria-label="layout"><option>grid</option><option>presenter</option><option>presentation</option><option>speaker</option></select>
      <label><input id="live" type="checkbox" checked> live composite</label>
      <button type="submit">Start recording</button>
    </form>
    <div id="source-hint" class="empty"></div>
  </div>
  <div class="panel">
    <h2>New call link (built-in room)</h2>
    <form id="call">
      <input id="call-room" placeholder="room" size="10" required pattern="[A-Za-z0-9_-]{1,64}">
      <input id="call-name" placeholder="name" size="10" required maxlength="64">
      <label><input id="call-record" type="checkbox"> may record</label>
      <button>Make link</button>
    </form>
    <div id="call-link"></div>
  </div>
</div>
<table>
  <thead><tr><th>Poster</th><th>Kind</th><th>Room</th><th>State</th><th>Duration</th><th>Created</th><th>Files</th><th>Actions</th></tr></thead>
  <tbody id="jobs"><tr id="loading"><td colspan="8">loading…</td></tr></tbody>
</table>
<script type="module">
const $ = (id) => document.getElementById(id);
localStorage.removeItem("tessera-key");  // where earlier versions kept it, for good
const page = { key: sessionStorage.getItem("tessera-key") || "", rows: new Map(), posters: new Map(), open: new Set(), keyProblem: null };
window.tesseraJobs = page;  // for tests and debugging

// Errors stay until dismissed or the next action; refreshes never overwrite them.
function say(text, kind = "error") {
  $("message-text").textContent = text;
  $("message").className = "shown " + (kind === "info" ? "info" : "");
  $("message").dataset.kind = kind;
}
function clearMessage() { $("message").className = ""; $("message-text").textContent = ""; }
$("dismiss").onclick = clearMessage;

async function api(method, path, body) {
  const headers = {};
  if (page.key) headers["Authorization"] = "Bearer " + page.key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    const error = new Error(data && data.message ? data.message : `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children.filter((c) => c != null));
  return node;
}
const kindPath = (job) => (job.kind === "recording" ? "recordings" : "renders");
const origin = location.origin;

// --- the API key: asked for only when the server wants one, and a wrong one said plainly
function showKeyProblem(status) {
  page.keyProblem = status;
  $("key-panel").classList.remove("hidden");
  $("key-note").textContent = page.key ? "the server refused this API key (401): check it" : "this server needs an API key";
  $("jobs").replaceChildren(element("tr", {}, element("td", { colSpan: 8, className: "empty",
    textContent: page.key ? "The API key was refused: no jobs can be shown." : "Enter the server's API key to see its jobs." })));
  page.rows.clear();
}
$("key-form").onsubmit = (event) => {
  event.preventDefault();
  page.key = $("key").value.trim();
  sessionStorage.setItem("tessera-key", page.key);
  clearMessage();
  refresh();
};
$("key").value = page.key;

// --- start form: the source is chosen, and its fields follow
const sourceFields = { whip: [], room: [], whep: ["url", "token"], janus: ["url", "janus-room", "pin", "token"] };
const hints = {
  whip: () => `Publishers send WHIP offers to ${origin}/whip/ROOM (OBS, ffmpeg -f whip, a browser); the recording takes every publisher in the room.`,
  room: () => `tessera joins the built-in room and records its members; people join with a call link (right).`,
  whep: () => `tessera pulls the WHEP URL and records it as one participant.`,
  janus: () => `tessera joins the Janus VideoRoom through its API (http://janus:8088/janus or ws://janus:8188) and records every publisher.`,
};
function sourceChanged() {
  const type = $("source").value;
  for (const id of ["url", "token", "janus-room", "pin"]) $(id).classList.toggle("hidden", !sourceFields[type].includes(id));
  $("source-hint").textContent = hints[type]();
}
$("source").onchange = sourceChanged;
sourceChanged();
// A name that is a built-in room with people in it is most likely meant as one.
$("room").addEventListener("change", () => {
  const builtIn = [...$("rooms").options].some((o) => o.value === $("room").value.trim());
  if (builtIn && $("source").value === "whip") { $("source").value = "room"; sourceChanged(); $("source-hint").textContent = "This is a built-in room with people in it: recording it as a built-in room. " + hints.room(); }
});

$("start").onsubmit = async (event) => {
  event.preventDefault();
  clearMessage();
  const type = $("source").value;
  const request = { room: $("room").value.trim(), layout: $("layout").value, liveComposite: $("live").checked };
  if (type !== "whip") {
    request.source = { type };
    if ($("url").value.trim()) request.source.url = $("url").value.trim();
    if ($("token").value.trim()) request.source.token = $("token").value.trim();
    if (type === "janus") {
      const janusRoom = $("janus-room").value.trim();
      request.source.room = /^\d+$/.test(janusRoom) ? Number(janusRoom) : janusRoom;
      if ($("pin").value.trim()) request.source.pin = $("pin").value.trim();
    }
  }
  try {
    const job = await api("POST", "/v1/recordings", request);
    say(`recording ${job.id} of ${job.room} started`, "info");
  } catch (error) { say(`cannot start the recording: ${error.message}`); }
  refresh();
};

$("call").onsubmit = async (event) => {
  event.preventDefault();
  clearMessage();
  const room = $("call-room").value.trim();
  try {
    const issued = await api("POST", `/v1/rooms/${encodeURIComponent(room)}/tokens`, { name: $("call-name").value.trim(), mayRecord: $("call-record").checked });
    $("call-link").replaceChildren(element("a", { href: issued.callUrl, target: "_blank", id: "call-url", textContent: issued.callUrl }),
                                   element("div", { className: "empty", textContent: `for ${issued.name}, until ${new Date(issued.expiresAt).toLocaleString()}` }));
  } catch (error) { say(`cannot make a call link: ${error.message}`); }
};

// --- the table: rows updated in place, details kept open across refreshes
async function poster(job) {
  if (page.posters.has(job.id)) return page.posters.get(job.id);
  if (!job.files.some((f) => f.name === "poster.jpg")) return null;
  const stored = job.files.find((f) => f.name === "poster.jpg").location;
  if (stored) {
    // In the bucket: an image element follows the signed link's redirect to the presigned URL (no CORS needed).
    const link = await api("POST", `/v1/${kindPath(job)}/${job.id}/files/poster.jpg/link`).catch(() => null);
    if (link) page.posters.set(job.id, link.url);
    return link ? link.url : null;
  }
  const headers = page.key ? { Authorization: "Bearer " + page.key } : {};
  const response = await fetch(`/v1/${kindPath(job)}/${job.id}/files/poster.jpg`, { headers });
  if (!response.ok) return null;
  const url = URL.createObjectURL(await response.blob());
  page.posters.set(job.id, url);
  return url;
}

async function action(label, work) {
  clearMessage();
  try { await work(); } catch (error) { say(`${label}: ${error.message}`); }
  refresh();
}

function rerenderForm(job) {
  const layout = element("select", {}, ...["grid", "presenter", "presentation", "speaker"].map((n) => element("option", { textContent: n })));
  const size = element("select", {}, ...["1280x720", "1920x1080", "640x360"].map((n) => element("option", { textContent: n })));
  const format = element("select", {}, element("option", { textContent: "mp4" }), element("option", { textContent: "webm" }));
  const form = element("form", { className: "rerender" }, "Re-render: ", layout, size, format, element("button", { textContent: "Render" }));
  form.onsubmit = (event) => {
    event.preventDefault();
    const [width, height] = size.value.split("x").map(Number);
    action("cannot re-render", async () => {
      const render = await api("POST", "/v1/renders", { recordingId: job.id, layout: layout.value, output: { width, height, format: format.value } });
      say(`render ${render.id} queued`, "info");
    });
  };
  return form;
}

function detailsRow(job) {
  const lines = [
    `participants: ${job.participants.map((p) => p.name || p.id).join(", ") || "none"}`,
    `tracks: ${job.tracks.map((t) => `${t.kind} ${t.codec} (${t.packets} packets${t.ended ? ", ended: " + t.ended : ""})`).join("; ") || "none"}`,
    `files: ${job.files.map((f) => `${f.name} ${f.size} bytes${f.location ? " in " + f.location : " (local)"}`).join(", ") || "none"}`,
    job.storage ? `storage: ${job.storage}` : null,
    ...(job.uploads || []).map((u) => `upload ${u.name}: ${u.state} ${u.bytes}/${u.size} bytes, ${u.attempts} attempt(s)${u.error ? " — " + u.error : ""}`),
    job.dumpShipping ? `dump parts shipped: ${job.dumpShipping.parts} (${job.dumpShipping.bytes} bytes) to ${job.dumpShipping.location}` : null,
    `history: ${(job.history || []).map((h) => `${h.to}${h.reason ? " (" + h.reason + ")" : ""} at ${new Date(h.at).toLocaleTimeString()}${h.node ? " on " + h.node : ""}`).join(" → ")}`,
    `webhooks: ${job.webhooks.map((w) => `${w.state} ${w.delivered ? "delivered" : "not delivered"}`).join(", ") || "none"}`,
    job.elapsedSeconds != null ? `elapsed: ${job.elapsedSeconds.toFixed(1)} s` : null,
  ].filter(Boolean);
  const cell = element("td", { colSpan: 8 }, element("pre", { textContent: lines.join("\n") }));
  if (job.kind === "recording" && ["completed", "failed", "aborted", "limit_reached"].includes(job.state) && job.files.some((f) => f.name === "session.rtpd")) cell.append(rerenderForm(job));
  return element("tr", { className: "details", id: "details-" + job.id }, cell);
}

async function row(job) {
  const url = await poster(job);
  const picture = url ? element("img", { className: "poster", alt: "poster", src: url }) : element("div", { className: "no-poster", textContent: "no poster" });
  if (url) picture.addEventListener("load", () => { picture.dataset.loaded = "true"; });
  const reason = job.error ? element("span", { className: "reason", textContent: job.error.message }) : null;
  // In a cluster, the node that runs (or ran) the job.
  const node = job.node ? element("span", { className: "node", textContent: `on ${job.node}` }) : null;
  const state = element("td", { className: "state " + job.state }, job.state.replace("_", " "), reason, node);
  const files = element("span");
  for (const file of job.files.filter((f) => f.name !== "poster.jpg")) {
    const upload = (job.uploads || []).find((u) => u.name === file.name);
    const where = file.location ? " · in the bucket" : upload ? ` · upload ${upload.state}` : "";
    const link = element("a", { href: "#", textContent: `${file.name} (${(file.size / 1e6).toFixed(1)} MB)${where}`, title: file.location || "local" });
    link.onclick = (event) => { event.preventDefault(); action("cannot download", async () => { window.location.href = (await api("POST", `/v1/${kindPath(job)}/${job.id}/files/${file.name}/link`)).url; }); };
    files.append(link, element("br"));
  }
  const actions = element("td", { className: "actions" });
  const button = (label, work) => { const b = element("button", { type: "button", textContent: label }); b.onclick = work; actions.append(b); return b; };
  if (job.kind === "recording" && job.state === "active") button("Stop", () => action("cannot stop", () => api("POST", `/v1/recordings/${job.id}/stop`)));
  if ((job.uploads || []).some((u) => u.state === "failed")) {
    button("Retry upload", () => action("cannot retry the upload", () => api("POST", `/v1/${kindPath(job)}/${job.id}/upload`)));
  }
  button(page.open.has(job.id) ? "Hide details" : "Details", () => { page.open.has(job.id) ? page.open.delete(job.id) : page.open.add(job.id); page.rows.delete(job.id); refresh(); });
  if (!["active", "starting", "stopping", "processing"].includes(job.state)) {
    button("Delete", () => { if (confirm(`Delete ${job.kind} ${job.id} and its files?`)) action("cannot delete", () => api("DELETE", `/v1/${kindPath(job)}/${job.id}`)); });
  }
  const duration = job.durationSeconds != null ? job.durationSeconds.toFixed(1) + " s" : "";
  return element("tr", { className: "job" }, element("td", {}, picture), element("td", { textContent: job.kind }), element("td", { textContent: job.room || "" }), state,
                 element("td", { textContent: duration }), element("td", { textContent: new Date(job.createdAt).toLocaleString() }), element("td", {}, files), actions);
}

function emptyState() {
  return element("tr", {}, element("td", { colSpan: 8, className: "empty" },
    element("strong", { textContent: "No recordings yet. " }),
    `Publish into a room with WHIP at `, element("code", { textContent: `${origin}/whip/ROOM` }),
    ` and start a recording of ROOM above; or make a call link for a built-in room and open it: `,
    element("code", { textContent: `${origin}/call/ROOM?token=…` }), "."));
}

async function show(jobs) {
  const body = $("jobs");
  const wanted = [];
  for (const job of jobs) {
    const signature = JSON.stringify(job) + page.open.has(job.id);
    let entry = page.rows.get(job.id);
    if (!entry || entry.signature !== signature) {
      entry = { signature, row: await row(job), details: page.open.has(job.id) ? detailsRow(job) : null };
      entry.row.dataset.id = job.id;
      page.rows.set(job.id, entry);
    }
    wanted.push(entry.row);
    if (entry.details) wanted.push(entry.details);
  }
  for (const id of [...page.rows.keys()]) if (!jobs.some((j) => j.id === id)) page.rows.delete(id);
  if (wanted.length === 0) wanted.push(emptyState());
  const current = [...body.children];
  if (current.length !== wanted.length || current.some((node, i) => node !== wanted[i])) body.replaceChildren(...wanted);
}

async function refreshRooms() {
  try {
    const { rooms } = await api("GET", "/v1/rooms");
    $("rooms").replaceChildren(...rooms.filter((r) => r.members > 0).map((r) => element("option", { value: r.room, label: `${r.room}: built-in room, ${r.members} in it` })));
  } catch { /* the jobs refresh says what is wrong */ }
}

async function refresh() {
  try {
    const [recordings, renders] = await Promise.all([api("GET", "/v1/recordings?limit=50"), api("GET", "/v1/renders?limit=50")]);
    if (page.keyProblem) { page.keyProblem = null; $("key-panel").classList.add("hidden"); }
    await show(recordings.jobs.concat(renders.jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    $("updated").textContent = "· updated " + new Date().toLocaleTimeString();
    document.body.dataset.loaded = "true";
    refreshRooms();
  } catch (error) {
    if (error.status === 401) { showKeyProblem(401); return; }
    $("updated").textContent = `· cannot reach the server: ${error.message}`;
  }
}

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
  #status.error { color: #f88; }
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
  <button id="record" hidden>Start recording</button>
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

function note(text, error = false) { state.log.push(text); $("status").textContent = text; $("status").classList.toggle("error", error); }

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

const room = new TesseraRoom(TesseraRoom.socketURL(roomName, token), { rejoin: true });

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
const names = new Map();
room.addEventListener("peer-left", ({ detail }) => {
  hangUp(detail.id);
  note(`${names.get(detail.id) || "someone"} left`);
  names.delete(detail.id);
});
room.addEventListener("hangup", ({ detail }) => hangUp(detail.from));
room.addEventListener("peer-joined", ({ detail }) => { names.set(detail.peer.id, detail.peer.name); note(`${detail.peer.name} joined`); });
room.addEventListener("recording", ({ detail }) => {
  showRecording(detail.active);
  note(detail.active ? "recording started" : "recording stopped");
});
room.addEventListener("chat", ({ detail }) => {
  const line = document.createElement("div");
  line.textContent = `${detail.name}: ${detail.text}`;
  $("messages").append(line);
});
room.addEventListener("error", ({ detail }) => {
  state.pendingRecord = null;
  showRecording(state.recording);
  note(`refused: ${detail.message}`, true);
});
room.addEventListener("close", ({ detail }) => { if (state.id) note(`disconnected from the room${detail.reason ? ": " + detail.reason : ""} (${detail.code})`, true); });
room.addEventListener("reconnecting", ({ detail }) => { if (detail.attempt === 1) note("lost the connection to the room: reconnecting…", true); });
room.addEventListener("gave-up", () => note("could not get back into the room: reload the page to try again", true));
// Back in the room (on its new home node, if the old one went away): everyone is called again.
room.addEventListener("rejoined", async ({ detail: welcome }) => {
  for (const id of [...state.peers.keys()]) hangUp(id);
  state.id = welcome.id;
  showRecording(welcome.recording.active);
  for (const peer of welcome.peers) names.set(peer.id, peer.name);
  note(`back in ${roomName}`);
  for (const peer of welcome.peers) await call(peer);
});

// One record button that says what pressing it does, and waits for the room's answer.
function showRecording(active) {
  state.recording = active;
  state.pendingRecord = null;
  $("recording").classList.toggle("on", active);
  const button = $("record");
  button.disabled = false;
  button.textContent = active ? "Stop recording" : "Start recording";
  button.setAttribute("aria-pressed", String(active));
}

function pressRecord() {
  const action = state.recording ? "stop" : "start";
  state.pendingRecord = action;
  $("record").disabled = true;
  $("record").textContent = action === "start" ? "Starting recording…" : "Stopping recording…";
  room.record(action);
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
  $("share").textContent = state.screen ? "Stop sharing" : "Share screen";
}

const labels = { mic: ["Mute mic", "Unmute mic"], cam: ["Camera off", "Camera on"] };
function toggle(button, kind) {
  const on = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-pressed", String(on));
  button.textContent = labels[button.id][on ? 1 : 0];
  for (const track of state.local.getTracks()) {
    if (track.kind !== kind) continue;
    track.enabled = !on;
    room.mediaState(kind, !on, track.id);
  }
}

$("mic").onclick = () => toggle($("mic"), "audio");
$("cam").onclick = () => toggle($("cam"), "video");
$("share").onclick = () => shareScreen().catch((e) => note(`screen share failed: ${e.message}`));
$("record").onclick = pressRecord;
$("chat").onsubmit = (event) => { event.preventDefault(); const text = $("chat-text").value.trim(); if (text) room.chat(text); $("chat-text").value = ""; };

try {
  state.local = await localMedia();
  tile("self", "you").querySelector("video").srcObject = state.local;
  const welcome = await room.connect();
  state.id = welcome.id;
  showRecording(welcome.recording.active);
  $("record").hidden = !welcome.mayRecord;
  for (const peer of welcome.peers) names.set(peer.id, peer.name);
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
  for (const track of state.local?.getTracks() || []) track.stop();
  note(`cannot join: ${error.message}`, true);
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
// With `{ rejoin: true }` a connection lost after the welcome is made again
// (`reconnecting`, then `rejoined` with the new welcome, or `gave-up`).
export class TesseraRoom extends EventTarget {
  static socketURL(room, token, base = globalThis.location) {
    const scheme = base.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${base.host}/v1/rooms/${encodeURIComponent(room)}/ws?token=${encodeURIComponent(token)}`;
  }

  constructor(url, options = {}) {
    super();
    this.url = url;
    this.socket = null;
    this.id = null;
    // With several tessera nodes: this socket's URL on each live node, to come back through.
    this.nodes = [];
    this.rejoin = !!options.rejoin;
    this.leaving = false;
  }

  /**
   * Opens the socket; resolves with the `welcome` message (your id, the peers, the recording state).
   * With several tessera nodes a room lives on one of them: a node it does not live on answers
   * `moved` with the home's socket URL, and the connection is made there instead (a few hops at most).
   */
  connect(hops = 0) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.socket = socket;
      let welcomed = false, moved = false;
      socket.onmessage = (event) => {
        let message;
        try { message = JSON.parse(event.data); } catch { return; }
        if (message.type === "moved" && !welcomed && hops < 3 && /^wss?:\/\//.test(message.url || "")) {
          moved = true;
          this.url = message.url;
          this.dispatchEvent(new CustomEvent("moved", { detail: message }));
          this.connect(hops + 1).then(resolve, reject);
          return;
        }
        if (message.type === "nodes") {
          if (Array.isArray(message.urls)) this.nodes = message.urls.filter((u) => typeof u === "string" && /^wss?:\/\//.test(u));
          return;
        }
        if (message.type === "welcome") { this.id = message.id; welcomed = true; resolve(message); }
        this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
      };
      socket.onclose = async (event) => {
        if (moved || this.socket !== socket) return;
        if (!welcomed) { reject(new Error(event.reason || await this.refusalReason() || `the room closed the connection (${event.code})`)); return; }
        this.dispatchEvent(new CustomEvent("close", { detail: { code: event.code, reason: event.reason } }));
        // 1000 is a goodbye and 1008 a refusal (room full, too many messages): neither is worth another try.
        if (this.rejoin && !this.leaving && event.code !== 1000 && event.code !== 1008) this.comeBack();
      };
    });
  }

  /**
   * The connection was lost (its node went away, or the room is moving with its recording): tries
   * this URL and every other node's in turn, a little slower each time, for about three minutes.
   * A node the room no longer lives on answers `moved`, which connect() follows.
   */
  async comeBack() {
    const candidates = [this.url, ...this.nodes.filter((u) => u !== this.url)];
    for (let attempt = 0; attempt < 100 && !this.leaving; attempt++) {
      await new Promise((done) => setTimeout(done, Math.min(2000, 250 * (attempt + 1))));
      if (this.leaving) return;
      this.url = candidates[attempt % candidates.length];
      this.dispatchEvent(new CustomEvent("reconnecting", { detail: { attempt: attempt + 1, url: this.url } }));
      try {
        const welcome = await this.connect();
        this.dispatchEvent(new CustomEvent("rejoined", { detail: welcome }));
        return;
      } catch { /* next node, or the same one a little later */ }
    }
    if (!this.leaving) this.dispatchEvent(new CustomEvent("gave-up", { detail: { url: this.url } }));
  }

  /** Why the server refuses this socket: a browser cannot read a refused upgrade, so ask the same URL over HTTP. */
  async refusalReason() {
    try {
      const response = await fetch(this.url.replace(/^ws/, "http"), { cache: "no-store" });
      if (response.ok) return null;  // the token is good: the failure was elsewhere
      const body = await response.json();
      return body.message || null;
    } catch { return null; }
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
  close() { this.leaving = true; if (this.socket) this.socket.close(1000, "bye"); }
}
"""#
}
