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
