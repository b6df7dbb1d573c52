// Unit tests of the browser client's logic (reconnect, backoff, refusals, queueing, request/reply,
// heartbeats) with a fake WebSocket and a fake clock. Run with: node --test src/test/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { Channel, States, HEARTBEAT, MAX_RESUMED_STREAMS, RESUME_PARAMETER, backoffDelay, refusalOf, resumeUrl,
  webSocketUrl } from
  "../../main/resources/META-INF/resources/wschannels/channels.js";

/** A clock whose time moves only when the test says so. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const tasks = new Map();
  return {
    setTimeout(fn, ms) { const id = nextId++; tasks.set(id, { at: now + ms, fn }); return id; },
    clearTimeout(id) { tasks.delete(id); },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...tasks.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        tasks.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    pending() { return tasks.size; },
  };
}

/** Records every socket the client opens; the test plays the server. */
function fakeWebSocket() {
  const sockets = [];
  class FakeSocket {
    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      this.sent = [];
      this.readyState = 0;
      this.closedWith = null;
      sockets.push(this);
    }
    send(text) { this.sent.push(text); }
    close(code, reason) { this.closedWith = { code, reason }; this.readyState = 3; }
    serverOpens() { this.readyState = 1; this.onopen({}); }
    serverSends(data) { this.onmessage({ data: typeof data === "string" ? data : JSON.stringify(data) }); }
    serverCloses(code, reason = "") { this.readyState = 3; this.onclose({ code, reason }); }
  }
  return { FakeSocket, sockets };
}

function client(options = {}) {
  const timers = fakeTimers();
  const { FakeSocket, sockets } = fakeWebSocket();
  const states = [];
  const channel = new Channel("/chat/lobby?name=ann", {
    base: "http://localhost:8080/", WebSocket: FakeSocket, timers, random: () => 0.5, heartbeatMs: 0, ...options,
  });
  channel.onState((state, detail) => states.push(detail && detail.message ? state + ": " + detail.message : state));
  return { channel, timers, sockets, states };
}

test("reconnect delays grow by the factor up to the maximum, with the jitter as the random part", () => {
  const o = { initialDelayMs: 500, maxDelayMs: 15000, factor: 2, jitter: 0.5 };
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, o, () => 1)),
    [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  assert.equal(backoffDelay(3, o, () => 0), 2000, "jitter takes at most half away");
  for (let i = 0; i < 100; i++) {
    const d = backoffDelay(2, o);
    assert.ok(d >= 1000 && d <= 2000, "within bounds: " + d);
  }
});

test("routes resolve against the page and become ws or wss URLs", () => {
  assert.equal(webSocketUrl("/chat/a", "http://h:8080/app/page"), "ws://h:8080/chat/a");
  assert.equal(webSocketUrl("chat/a?x=1", "https://h/app/"), "wss://h/app/chat/a?x=1");
});

test("a lost connection is retried with growing delays, and the count restarts after a success", () => {
  const { channel, timers, sockets, states } = client();
  sockets[0].serverOpens();
  sockets[0].serverCloses(1006);
  assert.equal(channel.state, States.RECONNECTING);
  timers.advance(374);
  assert.equal(sockets.length, 1, "not before the delay (500 ms, 375 with this jitter)");
  timers.advance(1);
  assert.equal(sockets.length, 2);
  sockets[1].serverCloses(1006);
  timers.advance(749);
  assert.equal(sockets.length, 2);
  timers.advance(1);
  assert.equal(sockets.length, 3, "the second delay is twice the first");
  sockets[2].serverOpens();
  sockets[2].serverCloses(1001, "Server shutting down");
  timers.advance(375);
  assert.equal(sockets.length, 4, "after a success the delays start over");
  assert.deepEqual(states.slice(0, 3), ["connecting", "open", "reconnecting"]);
});

test("given several servers, each retry goes to the next one, round the list", () => {
  const { channel, timers, sockets } = client({ servers: ["http://chat-1:8080/", "https://chat-2/app/"] });
  assert.equal(sockets[0].url, "ws://chat-1:8080/chat/lobby?name=ann");
  sockets[0].serverOpens();
  sockets[0].serverCloses(1001, "Server shutting down");
  timers.advance(375);
  assert.equal(sockets[1].url, "wss://chat-2/chat/lobby?name=ann", "a server that goes away sends its clients on");
  sockets[1].serverCloses(1006);
  timers.advance(750);
  assert.equal(sockets[2].url, "ws://chat-1:8080/chat/lobby?name=ann", "and round again");
  sockets[2].serverOpens();
  assert.equal(channel.state, States.OPEN);
});

test("with one server every retry goes to it", () => {
  const { timers, sockets } = client();
  sockets[0].serverCloses(1006);
  timers.advance(375);
  sockets[1].serverCloses(1001, "Server shutting down");
  timers.advance(750);
  assert.deepEqual(sockets.map((s) => s.url), Array(3).fill("ws://localhost:8080/chat/lobby?name=ann"));
});

test("a refused client is not retried and learns why", () => {
  for (const [code, reason, message] of [
    [4401, '{"type":"error","message":"Token expired","code":"unauthorized"}', "Token expired"],
    [4403, '{"type":"error","message":"Access denied","code":"access_denied"}', "Access denied"],
    [1008, '{"type":"error","message":"Invalid room name"}', "Invalid room name"],
  ]) {
    const { channel, timers, sockets, states } = client();
    const unsent = [];
    channel.on("unsent", (event) => unsent.push(...event.messages));
    assert.equal(channel.send({ type: "chat_message", message: "hi" }), "queued");
    sockets[0].serverCloses(code, reason);
    assert.equal(channel.state, States.REFUSED);
    assert.equal(channel.refusal.message, message);
    assert.equal(states.at(-1), "refused: " + message);
    timers.advance(60000);
    assert.equal(sockets.length, 1, "never retried after " + code);
    assert.deepEqual(unsent, [{ type: "chat_message", message: "hi" }], "queued messages are reported unsent");
    assert.equal(channel.send({ type: "x" }), false);
  }
});

test("policy closes that are not refusals are retried", () => {
  const { channel, timers, sockets } = client();
  sockets[0].serverOpens();
  sockets[0].serverCloses(1008, "Rate limit exceeded");
  assert.equal(channel.state, States.RECONNECTING);
  timers.advance(1000);
  assert.equal(sockets.length, 2);
  sockets[1].serverCloses(1013, "Too many connections: this channel serves at most 10");
  assert.equal(channel.state, States.RECONNECTING);
});

test("messages sent while away are queued and sent in order once back", () => {
  const { channel, timers, sockets } = client();
  sockets[0].serverOpens();
  assert.equal(channel.send({ n: 1 }), "sent");
  sockets[0].serverCloses(1006);
  assert.equal(channel.send({ n: 2 }), "queued");
  assert.equal(channel.send({ n: 3 }), "queued");
  timers.advance(1000);
  assert.deepEqual(sockets[1].sent, []);
  sockets[1].serverOpens();
  assert.deepEqual(sockets[1].sent, ['{"n":2}', '{"n":3}']);
});

test("the queue is bounded", () => {
  const { channel } = client({ maxQueued: 2 });
  assert.equal(channel.send({ n: 1 }), "queued");
  assert.equal(channel.send({ n: 2 }), "queued");
  assert.equal(channel.send({ n: 3 }), false);
});

test("a request resolves with its reply, rejects with its error or a timeout, and ignores others' refs", async () => {
  const { channel, timers, sockets } = client();
  const typed = [];
  channel.on("reply", (m) => typed.push(m));
  sockets[0].serverOpens();
  const answered = channel.request({ type: "sum", a: 1, b: 2 });
  const failed = channel.request({ type: "sum", a: "x" });
  const slow = channel.request({ type: "sum" }, { timeoutMs: 100 });
  assert.deepEqual(sockets[0].sent.map((t) => JSON.parse(t).ref), ["1", "2", "3"]);
  sockets[0].serverSends({ type: "reply", ref: "1", data: 3 });
  sockets[0].serverSends({ type: "error", ref: "2", message: "Invalid message format: 'a' must be a number" });
  sockets[0].serverSends({ type: "reply", ref: "99", data: "not mine" });
  assert.equal(await answered, 3);
  await assert.rejects(failed, (e) => e.envelope.message.startsWith("Invalid message format"));
  timers.advance(100);
  await assert.rejects(slow, /No reply to sum within 100 ms/);
  assert.equal(typed.length, 1, "a reply to no request of ours goes to the handlers");
});

test("pending requests fail when the connection is lost", async () => {
  const { channel, sockets } = client();
  sockets[0].serverOpens();
  const request = channel.request({ type: "slow" });
  sockets[0].serverCloses(1006);
  await assert.rejects(request, /Connection lost/);
});

test("a heartbeat goes out after a quiet interval, and a connection that does not answer is replaced", () => {
  const { channel, timers, sockets } = client({ heartbeatMs: 1000, heartbeatTimeoutMs: 500 });
  sockets[0].serverOpens();
  timers.advance(999);
  assert.deepEqual(sockets[0].sent, []);
  timers.advance(1);
  assert.deepEqual(sockets[0].sent, [HEARTBEAT]);
  sockets[0].serverSends(HEARTBEAT); // answered: all is well
  timers.advance(1000);
  assert.deepEqual(sockets[0].sent, [HEARTBEAT, HEARTBEAT]);
  timers.advance(499);
  assert.equal(channel.state, States.OPEN);
  timers.advance(1);
  assert.equal(channel.state, States.RECONNECTING, "no answer within the timeout");
  assert.equal(sockets[0].closedWith.code, 4000);
  timers.advance(375);
  assert.equal(sockets.length, 2);
});

test("messages are handed out by type, and a token travels as a subprotocol", () => {
  const { channel, sockets } = client({ token: () => "abc.def.ghi" });
  assert.deepEqual(sockets[0].protocols, ["bearer", "abc.def.ghi"]);
  const seen = [];
  channel.on("chat_message", (m) => seen.push("chat:" + m.message));
  channel.on("*", (m) => seen.push("any:" + m.type));
  sockets[0].serverOpens();
  sockets[0].serverSends({ type: "chat_message", message: "hi" });
  sockets[0].serverSends(HEARTBEAT);
  assert.deepEqual(seen, ["chat:hi", "any:chat_message"], "heartbeats are not messages");
});

test("closing from the page is final", () => {
  const { channel, timers, sockets } = client();
  sockets[0].serverOpens();
  channel.close();
  assert.deepEqual(sockets[0].closedWith, { code: 1000, reason: "closed by the page" });
  sockets[0].serverCloses(1000);
  timers.advance(60000);
  assert.equal(sockets.length, 1);
  assert.equal(channel.state, States.CLOSED);
});

test("refusalOf tells refusals from other closes", () => {
  assert.equal(refusalOf(1001, "Server shutting down"), null);
  assert.equal(refusalOf(1008, "Too slow: outbound queue full"), null);
  assert.equal(refusalOf(4401, "").message, "Refused");
});

/** A kept broadcast as the server frames it. */
function kept(at, message) {
  return { type: "channels:message", at, text: typeof message === "string" ? message : JSON.stringify(message) };
}

test("kept broadcasts are handed on as the message itself, and a reconnect resumes from the last positions", () => {
  const { channel, timers, sockets } = client();
  const seen = [];
  channel.on("*", (message) => seen.push(message));
  sockets[0].serverOpens();
  sockets[0].serverSends(kept({ "room:lobby": "e1:1" }, { type: "chat_message", message: "one" }));
  sockets[0].serverSends(kept({ "room:lobby": "e1:2", "room:news": "e7:40" }, "plain"));
  assert.deepEqual(seen, [{ type: "chat_message", message: "one" }, { type: "text", text: "plain" }]);
  assert.equal(sockets[0].url, "ws://localhost:8080/chat/lobby?name=ann", "the first connection resumes nothing");
  sockets[0].serverCloses(1006);
  timers.advance(1000);
  const resume = new URL(sockets[1].url).searchParams.get(RESUME_PARAMETER);
  assert.deepEqual(JSON.parse(resume), { "room:lobby": "e1:2", "room:news": "e7:40" });
  assert.ok(sockets[1].url.startsWith("ws://localhost:8080/chat/lobby?name=ann&channels.resume="), sockets[1].url);
});

test("what cannot be recovered is reported once per stream and not asked for again", () => {
  const { channel, timers, sockets } = client();
  const impossible = [];
  const resumed = [];
  channel.on("recovery_impossible", (event) => impossible.push(event));
  channel.on("resumed", (event) => resumed.push(event));
  sockets[0].serverOpens();
  sockets[0].serverSends(kept({ "room:a": "e1:5", "room:b": "e2:9" }, "x"));
  sockets[0].serverCloses(1006);
  timers.advance(1000);
  sockets[1].serverOpens();
  sockets[1].serverSends({ type: "channels:resumed", recovered: { "room:a": 2 }, impossible: { "room:b": "unavailable" } });
  assert.deepEqual(impossible, [{ type: "recovery_impossible", stream: "room:b", reason: "unavailable" }]);
  assert.deepEqual(resumed[0].recovered, { "room:a": 2 });
  sockets[1].serverCloses(1006);
  timers.advance(1000);
  assert.deepEqual(JSON.parse(new URL(sockets[2].url).searchParams.get(RESUME_PARAMETER)), { "room:a": "e1:5" });
  sockets[2].serverOpens();
  sockets[2].serverSends({ type: "channels:resumed", recovered: {}, impossible: { "*": "malformed" } });
  sockets[2].serverCloses(1006);
  timers.advance(1000);
  assert.equal(sockets[3].url, "ws://localhost:8080/chat/lobby?name=ann", "all forgotten");
});

test("a resume names the most recently updated streams, at most the server's bound", () => {
  const positions = new Map();
  for (let i = 0; i < MAX_RESUMED_STREAMS + 20; i++) positions.set("room:r" + i, "e:" + i);
  const url = resumeUrl("ws://h/c", positions);
  const named = Object.keys(JSON.parse(new URL(url).searchParams.get(RESUME_PARAMETER)));
  assert.equal(named.length, MAX_RESUMED_STREAMS);
  assert.equal(named[0], "room:r20");
  assert.equal(resumeUrl("ws://h/c?x=1", new Map()), "ws://h/c?x=1");
});
