// The chat page: one WebSocket per joined room, speaking the chat channel's JSON messages.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const typing = new Map(); // user_id -> timer that clears the indicator
  let socket = null;
  let me = null;
  let typingSent = false;
  let typingTimer = null;

  function setState(state, text) {
    const el = $("state");
    el.className = "state " + state;
    el.textContent = text;
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
    li.append(document.createTextNode(text));
    $("messages").append(li);
    $("messages").scrollTop = $("messages").scrollHeight;
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

  function handle(data) {
    switch (data.type) {
      case "system":
        add("system", data.message, null, data.timestamp);
        if (typeof data.count === "number") setCount(data.count);
        break;
      case "user_joined": add("system", data.message, null, null); setCount(data.count); break;
      case "user_left": add("system", data.message, null, null); setCount(data.count); break;
      case "chat_message": setTyping(data.user_id, false); add("chat", data.message, data.user_id, data.timestamp); break;
      case "user_typing": setTyping(data.user_id, true); break;
      case "user_stopped_typing": setTyping(data.user_id, false); break;
      case "pong": break;
      case "error": add("error", "⚠ " + data.message, null, data.timestamp); break;
      default: add("system", "(unknown message " + JSON.stringify(data) + ")");
    }
  }

  function send(data) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(data));
      return true;
    }
    return false;
  }

  function join(room, name) {
    if (socket) socket.close(1000, "leaving room");
    me = name;
    typing.clear();
    showTyping();
    $("messages").replaceChildren();
    $("room-title").textContent = "#" + room;
    $("count").textContent = "";
    $("chat").hidden = false;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const url = scheme + "//" + location.host + "/chat/" + encodeURIComponent(room) + "?name=" + encodeURIComponent(name);
    setState("connecting", "connecting…");
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => { if (ws === socket) setState("open", "connected"); };
    ws.onmessage = (event) => { if (ws === socket) handle(JSON.parse(event.data)); };
    ws.onclose = (event) => {
      if (ws !== socket) return;
      setState("closed", "disconnected" + (event.reason ? ": " + event.reason : " (" + event.code + ")"));
      add("system", "Connection closed" + (event.reason ? ": " + event.reason : "") + ". Join again to reconnect.");
    };
  }

  $("join").addEventListener("submit", (event) => {
    event.preventDefault();
    join($("room").value.trim(), $("name").value.trim());
    $("text").focus();
  });

  $("send").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim()) return;
    if (send({ type: "chat_message", message: text })) {
      $("text").value = "";
      stopTyping();
    } else {
      add("error", "⚠ Not sent (not connected): " + text);
    }
  });

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingSent) send({ type: "typing_stop" });
    typingSent = false;
  }

  $("text").addEventListener("input", () => {
    if (!typingSent && $("text").value) typingSent = send({ type: "typing_start" });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 2000);
  });

  const params = new URLSearchParams(location.search);
  if (params.get("room")) $("room").value = params.get("room");
  if (params.get("name")) $("name").value = params.get("name");
})();
