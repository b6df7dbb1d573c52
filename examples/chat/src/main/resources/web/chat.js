// The chat page, on the library's browser client: it reconnects by itself, shows the connection's
// state, gets what was said while it was away, keeps what is typed while away and sends it once
// back, and says why if it was refused.
import { Channel, States } from "./wschannels/channels.js";

const $ = (id) => document.getElementById(id);
const typing = new Map(); // user_id -> timer that clears the indicator
let channel = null;
let me = null;
let typingSent = false;
let typingTimer = null;

const STATE_TEXT = {
  [States.CONNECTING]: () => "connecting…",
  [States.OPEN]: () => "connected",
  [States.RECONNECTING]: (d) => "reconnecting" + (d && d.delayMs !== undefined ? " in " + Math.ceil(d.delayMs / 1000) + " s" : "") + "…",
  [States.REFUSED]: (d) => "refused: " + (d ? d.message : ""),
  [States.CLOSED]: (d) => "disconnected" + (d && d.message ? ": " + d.message : ""),
};

function showState(state, detail) {
  const el = $("state");
  el.className = "state " + state;
  el.dataset.state = state;
  el.textContent = STATE_TEXT[state](detail);
  if (state === States.REFUSED) add("error", "⚠ The server refused this room: " + detail.message);
}

function add(kind, text, who, timestamp) {
  const li = document.createElement("li");
  li.className = kind + (who && who === me ? " mine" : "");
  if (timestamp) {
    const time = document.createElement("time");
    time.dateTime = timestamp;
    time.textContent = new Date(timestamp).toLocaleTimeString();
    li.append(time);
  }
  if (who) {
    const name = document.createElement("span");
    name.className = "who";
    name.textContent = who;
    li.append(name);
  }
  const body = document.createElement("span");
  body.className = "text";
  body.textContent = text;
  li.append(body);
  $("messages").append(li);
  $("messages").scrollTop = $("messages").scrollHeight;
  return li;
}

function showTyping() {
  const names = [...typing.keys()];
  $("typing").textContent = names.length === 0 ? ""
    : names.join(", ") + (names.length === 1 ? " is typing…" : " are typing…");
}

function setTyping(user, isTyping) {
  clearTimeout(typing.get(user));
  typing.delete(user);
  if (isTyping) typing.set(user, setTimeout(() => { typing.delete(user); showTyping(); }, 6000));
  showTyping();
}

function setCount(count) {
  $("count").textContent = count + (count === 1 ? " person here" : " people here");
}

/** Our messages typed while away, waiting for the server to echo them back. */
function pendingFor(text) {
  return [...document.querySelectorAll("#messages li.pending")].find((li) => li.dataset.text === text);
}

function join(room, name) {
  if (channel) channel.close();
  me = name;
  typing.clear();
  showTyping();
  $("messages").replaceChildren();
  $("room-title").textContent = "#" + room;
  $("count").textContent = "";
  $("chat").hidden = false;
  channel = new Channel("chat/" + encodeURIComponent(room) + "?name=" + encodeURIComponent(name));
  channel.onState(showState);
  channel.on("system", (m) => { add("system", m.message, null, m.timestamp); if (typeof m.count === "number") setCount(m.count); });
  channel.on("user_joined", (m) => { add("system", m.message); setCount(m.count); });
  channel.on("user_left", (m) => { add("system", m.message); setCount(m.count); });
  channel.on("count", (m) => setCount(m.count));
  channel.on("chat_message", (m) => {
    setTyping(m.user_id, false);
    const pending = m.user_id === me ? pendingFor(m.message) : null;
    if (pending) pending.remove(); // it went through after all
    add("chat", m.message, m.user_id, m.timestamp);
  });
  channel.on("user_typing", (m) => setTyping(m.user_id, true));
  channel.on("user_stopped_typing", (m) => setTyping(m.user_id, false));
  channel.on("error", (m) => add("error", "⚠ " + m.message, null, m.timestamp));
  // Back after a while: what was said meanwhile arrives by itself, unless the room's history has
  // gone (a server restart, or away longer than it keeps).
  channel.on("recovery_impossible", () => add("system gap", "Some messages sent while you were away could not be recovered."));
  channel.on("unsent", (event) => {
    for (const message of event.messages) {
      const pending = message.type === "chat_message" ? pendingFor(message.message) : null;
      if (pending) {
        pending.classList.replace("pending", "unsent");
        pending.querySelector(".text").textContent = message.message + " (not sent)";
      }
    }
  });
}

$("join").addEventListener("submit", (event) => {
  event.preventDefault();
  join($("room").value.trim(), $("name").value.trim());
  $("text").focus();
});

$("send").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("text").value;
  if (!text.trim() || !channel) return;
  const outcome = channel.send({ type: "chat_message", message: text });
  if (outcome === "queued") {
    const li = add("pending", text + " (sending when reconnected…)", me, null);
    li.classList.add("pending");
    li.dataset.text = text;
    li.querySelector(".text").textContent = text + " (sending when reconnected…)";
  } else if (outcome === false) {
    add("unsent", "⚠ Not sent (" + channel.state + "): " + text);
  }
  $("text").value = "";
  stopTyping();
});

function stopTyping() {
  clearTimeout(typingTimer);
  if (typingSent && channel) channel.send({ type: "typing_stop" });
  typingSent = false;
}

$("text").addEventListener("input", () => {
  if (!typingSent && $("text").value && channel && channel.state === States.OPEN) {
    typingSent = channel.send({ type: "typing_start" }) === "sent";
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, 2000);
});

const params = new URLSearchParams(location.search);
if (params.get("room")) $("room").value = params.get("room");
if (params.get("name")) $("name").value = params.get("name");
