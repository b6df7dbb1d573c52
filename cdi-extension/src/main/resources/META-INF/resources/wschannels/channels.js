// WebSocket Channels: the browser client. Dependency-free ES module, served by the library at
// <application>/wschannels/channels.js.
//
//   import { Channel } from "./wschannels/channels.js";
//   const chat = new Channel("chat/lobby?name=ann");
//   chat.on("chat_message", (message) => show(message));
//   chat.onState((state, detail) => status.textContent = state);
//   chat.send({ type: "chat_message", message: "Hello!" });
//   const board = await chat.request({ type: "move", from: "e2", to: "e4" });
//
// It reconnects by itself after a lost connection (exponential backoff with jitter), finds dead
// connections with heartbeats, keeps what is sent while it is away and sends it once back, and
// does not reconnect when the server refused the client (a bad token, a rejection): it says why.
// With a channel that keeps history (@History), it resumes where it left off after a reconnect:
// the messages missed meanwhile arrive first, in order and once; where that is impossible it
// raises a "recovery_impossible" event, so that the page can reload its state.
//
//   chat.on("recovery_impossible", ({ stream, reason }) => reloadFromServer());
//
// Given several servers, each retry goes to the next one, so that a client whose server stops
// (it closes with 1001, spreading its clients over a few seconds) reconnects to another:
//
//   new Channel("chat/lobby", { servers: ["https://chat-1.example/", "https://chat-2.example/"] });

/** The reserved message the runtime answers in kind, without involving the channel. */
export const HEARTBEAT = '{"type":"channels:heartbeat"}';

/** The handshake's query parameter that names the last positions seen, per stream. */
export const RESUME_PARAMETER = "channels.resume";
/** The most streams one resume names (the server's History.MAX_RESUMED_STREAMS). */
export const MAX_RESUMED_STREAMS = 100;

/**
 * The URL of a reconnect: the route with the last position seen of each stream (the most recently
 * updated ones, at most MAX_RESUMED_STREAMS), or the route as it is when nothing was kept.
 */
export function resumeUrl(url, positions) {
  if (!positions || positions.size === 0) return url;
  const recent = [...positions.entries()].slice(-MAX_RESUMED_STREAMS);
  const resume = encodeURIComponent(JSON.stringify(Object.fromEntries(recent)));
  return url + (url.includes("?") ? "&" : "?") + RESUME_PARAMETER + "=" + resume;
}

/** Connection states, in the order a connection usually goes through them. */
export const States = Object.freeze({
  CONNECTING: "connecting",     // first attempt under way
  OPEN: "open",                 // connected
  RECONNECTING: "reconnecting", // lost; waiting to try again, or trying
  REFUSED: "refused",           // the server refused the client: no further attempt (see refusal)
  CLOSED: "closed",             // closed by the page, or by the server for good
});

const DEFAULTS = Object.freeze({
  token: null,              // a string, or a function returning one (called at each attempt)
  heartbeatMs: 25000,       // a heartbeat after this long without traffic; 0 for none
  heartbeatTimeoutMs: 10000, // no answer to a heartbeat within this: the connection is dead
  requestTimeoutMs: 10000,  // default timeout of request()
  initialDelayMs: 500,      // first reconnect delay
  maxDelayMs: 15000,        // reconnect delays grow to this
  factor: 2,                // ... by this factor per failed attempt
  jitter: 0.5,              // up to this fraction of each delay is random
  maxQueued: 100,           // messages kept while away; more are refused (send returns false)
});

/**
 * The reconnect delay before attempt number {@code attempt} (0 for the first retry): grows by
 * {@code factor} up to {@code maxDelayMs}; the last {@code jitter} part of it is random, so that
 * clients of a restarted server do not all come back at the same moment.
 */
export function backoffDelay(attempt, options = DEFAULTS, random = Math.random) {
  const o = { ...DEFAULTS, ...options };
  const base = Math.min(o.maxDelayMs, o.initialDelayMs * Math.pow(o.factor, attempt));
  return Math.round(base * (1 - o.jitter) + base * o.jitter * random());
}

/**
 * Whether a close means the server refused this client, so that trying again cannot help:
 * 4401 (unauthorized), 4403 (forbidden), other 4400-4499 codes, and a rejection from the channel
 * (1008 with the error envelope as reason). Returns the reason ({message, code}) or null.
 */
export function refusalOf(code, reason) {
  let parsed = null;
  try {
    const value = JSON.parse(reason);
    if (value && value.type === "error" && typeof value.message === "string") parsed = value;
  } catch (notJson) {
    // a plain-text reason
  }
  if ((code >= 4400 && code < 4500) || (code === 1008 && parsed)) {
    return { code, message: parsed ? parsed.message : reason || "Refused", errorCode: parsed ? parsed.code : undefined };
  }
  return null;
}

/** A frame as a message: JSON as it is, anything else as {type: "text", text}. */
function parse(data) {
  try {
    const value = JSON.parse(data);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
  } catch (notJson) {
    // plain text
  }
  return { type: "text", text: data };
}

/** The WebSocket URL of a route: relative paths resolve against the page, http(s) becomes ws(s). */
export function webSocketUrl(route, base) {
  const url = new URL(route, base);
  if (url.protocol === "http:") url.protocol = "ws:";
  if (url.protocol === "https:") url.protocol = "wss:";
  return url.toString();
}

/** One channel connection that keeps itself connected. */
export class Channel {
  constructor(route, options = {}) {
    this.options = { ...DEFAULTS, ...options };
    const env = this.options;
    this.WebSocket = env.WebSocket || globalThis.WebSocket;
    this.timers = env.timers || { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (t) => clearTimeout(t) };
    const bases = env.servers && env.servers.length > 0
      ? env.servers
      : [env.base || (globalThis.location ? globalThis.location.href : undefined)];
    this.urls = bases.map((base) => webSocketUrl(route, base)); // one per server; retries go round them
    this.server = 0;
    this.url = this.urls[0];
    this.state = States.CONNECTING;
    this.refusal = null;       // {code, message, errorCode} once refused
    this.attempt = 0;          // failed attempts since the last open
    this.handlers = new Map(); // type -> Set of functions; "*" for every message
    this.stateHandlers = new Set();
    this.queue = [];           // sent while away, in order
    this.pending = new Map();  // ref -> {resolve, reject, timer}
    this.nextRef = 1;
    this.positions = new Map(); // stream -> last position seen, the most recently updated last
    this.socket = null;
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.deadTimer = null;
    this.open();
  }

  /** Calls {@code handler(message)} for each JSON message of this type ("*" for all); returns an unsubscribe function. */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(handler);
    return () => this.handlers.get(type).delete(handler);
  }

  /** Calls {@code handler(state, detail)} now and at every state change; returns an unsubscribe function. */
  onState(handler) {
    this.stateHandlers.add(handler);
    handler(this.state, this.refusal);
    return () => this.stateHandlers.delete(handler);
  }

  /**
   * Sends a JSON message. While the connection is away it is queued and sent once back: returns
   * "sent", "queued", or false when it cannot be (queue full, or refused/closed for good; the
   * "unsent" event lists queued messages that will never go).
   */
  send(message) {
    const text = typeof message === "string" ? message : JSON.stringify(message);
    if (this.socket && this.state === States.OPEN && this.socket.readyState === 1) {
      this.socket.send(text);
      this.touch();
      return "sent";
    }
    if (this.state === States.REFUSED || this.state === States.CLOSED || this.queue.length >= this.options.maxQueued) {
      return false;
    }
    this.queue.push(text);
    return "queued";
  }

  /**
   * Sends a message with a fresh {@code ref} and resolves with the reply's data, or rejects with
   * the error envelope (an Error whose {@code envelope} is the server's error) or a timeout.
   */
  request(message, { timeoutMs = this.options.requestTimeoutMs } = {}) {
    const ref = String(this.nextRef++);
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(ref);
        reject(new Error("No reply to " + (message.type || "request") + " within " + timeoutMs + " ms"));
      }, timeoutMs);
      this.pending.set(ref, { resolve, reject, timer });
      if (this.send({ ...message, ref }) === false) {
        this.timers.clearTimeout(timer);
        this.pending.delete(ref);
        reject(new Error("Not connected: " + this.state));
      }
    });
  }

  /** Closes the connection for good (1000); queued messages are reported as unsent. */
  close() {
    this.setState(States.CLOSED);
    this.stopTimers();
    if (this.socket) this.socket.close(1000, "closed by the page");
    this.dropQueue("closed");
  }

  // --- internals ---

  open() {
    const token = typeof this.options.token === "function" ? this.options.token() : this.options.token;
    const url = resumeUrl(this.url, this.positions);
    const socket = token ? new this.WebSocket(url, ["bearer", token]) : new this.WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.setState(States.OPEN);
      this.touch();
      const queued = this.queue;
      this.queue = [];
      queued.forEach((text) => socket.send(text));
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.touch();
      if (event.data === HEARTBEAT) return;
      let message = parse(event.data);
      if (message.type === "channels:message" && message.at && typeof message.text === "string") {
        // A kept broadcast: note where it stands in each stream, then hand on the message itself.
        for (const [stream, position] of Object.entries(message.at)) {
          this.positions.delete(stream);
          this.positions.set(stream, position);
        }
        message = parse(message.text);
      } else if (message.type === "channels:resumed") {
        this.resumed(message);
        return;
      }
      this.dispatch(message);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.stopTimers();
      this.failPending("Connection lost");
      if (this.state === States.CLOSED) return;
      const refusal = refusalOf(event.code, event.reason);
      if (refusal) {
        this.refusal = refusal;
        this.setState(States.REFUSED, refusal);
        this.dropQueue("refused");
        return;
      }
      if (event.code === 1000 && event.reason) {
        // The server ended the connection on purpose (an idle timeout, say): not a failure.
        this.setState(States.CLOSED, { code: event.code, message: event.reason });
        this.dropQueue("closed");
        return;
      }
      this.retry(event);
    };
  }

  /** The server's answer to a resume: what could not be recovered is forgotten and reported. */
  resumed(answer) {
    const impossible = answer.impossible || {};
    for (const [stream, reason] of Object.entries(impossible)) {
      if (stream === "*") this.positions.clear();
      else this.positions.delete(stream);
      this.dispatch({ type: "recovery_impossible", stream, reason });
    }
    this.dispatch({ type: "resumed", recovered: answer.recovered || {}, impossible });
  }

  retry(event) {
    if (this.urls.length > 1) {
      this.server = (this.server + 1) % this.urls.length;
      this.url = this.urls[this.server];
    }
    const delay = backoffDelay(this.attempt++, this.options, this.options.random || Math.random);
    this.setState(States.RECONNECTING, { code: event.code, message: event.reason, delayMs: delay });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.state === States.RECONNECTING) this.open();
    }, delay);
  }

  dispatch(message) {
    if (message.ref !== undefined && this.pending.has(String(message.ref))
        && (message.type === "reply" || message.type === "error")) {
      const { resolve, reject, timer } = this.pending.get(String(message.ref));
      this.pending.delete(String(message.ref));
      this.timers.clearTimeout(timer);
      if (message.type === "reply") {
        resolve(message.data);
      } else {
        const error = new Error(message.message);
        error.envelope = message;
        reject(error);
      }
      return;
    }
    for (const type of [message.type, "*"]) {
      const handlers = this.handlers.get(type);
      if (handlers) handlers.forEach((handler) => handler(message));
    }
  }

  /** Traffic seen: the next heartbeat is due a full interval from now. */
  touch() {
    if (!this.options.heartbeatMs) return;
    if (this.heartbeatTimer) this.timers.clearTimeout(this.heartbeatTimer);
    if (this.deadTimer) {
      this.timers.clearTimeout(this.deadTimer);
      this.deadTimer = null;
    }
    this.heartbeatTimer = this.timers.setTimeout(() => this.heartbeat(), this.options.heartbeatMs);
  }

  heartbeat() {
    const socket = this.socket;
    if (!socket || this.state !== States.OPEN) return;
    socket.send(HEARTBEAT);
    this.deadTimer = this.timers.setTimeout(() => {
      // No answer: the connection is dead even if the browser has not noticed. Drop it and retry.
      if (socket !== this.socket) return;
      this.socket = null;
      this.stopTimers();
      this.failPending("Connection lost");
      try {
        socket.close(4000, "no answer to heartbeat");
      } catch (ignored) {
        // already closing
      }
      this.retry({ code: 4000, reason: "no answer to heartbeat" });
    }, this.options.heartbeatTimeoutMs);
  }

  stopTimers() {
    for (const name of ["retryTimer", "heartbeatTimer", "deadTimer"]) {
      if (this[name]) this.timers.clearTimeout(this[name]);
      this[name] = null;
    }
  }

  failPending(why) {
    for (const { reject, timer } of this.pending.values()) {
      this.timers.clearTimeout(timer);
      reject(new Error(why));
    }
    this.pending.clear();
  }

  dropQueue(why) {
    if (this.queue.length === 0) return;
    const unsent = this.queue.map((text) => {
      try {
        return JSON.parse(text);
      } catch (notJson) {
        return text;
      }
    });
    this.queue = [];
    this.dispatch({ type: "unsent", reason: why, messages: unsent });
  }

  setState(state, detail) {
    if (this.state === state && state !== States.RECONNECTING) return;
    this.state = state;
    this.stateHandlers.forEach((handler) => handler(state, detail));
  }
}
