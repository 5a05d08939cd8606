/// The jobs page at `/`: plain HTML and JavaScript, no build step. It
/// lists recordings and renders with their state, room, duration, poster
/// and files (downloaded through signed links), stops running recordings,
/// starts new ones, and refreshes itself every 2 s. The API key, if the
/// server has one, is typed into the page and kept in the tab's
/// sessionStorage (gone when the tab closes, never written to disk by the
/// page); every call sends it as a bearer token.
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
