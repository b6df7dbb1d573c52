// The README's browser code, which the build parses. It runs in a page served by the application.
// tag::client[]
import { Channel } from "./wschannels/channels.js";

const chat = new Channel("chat/lobby?name=ann", { token: () => sessionStorage.token });
chat.onState((state, detail) => status.textContent = state);   // connecting, open, reconnecting, refused, closed
chat.on("chat_message", (message) => show(message));
chat.send({ type: "chat_message", message: "Hello!" });       // "sent", "queued" while away, or false
const board = await chat.request({ type: "move", from: "e2", to: "e4" });   // request/reply by ref, 10 s timeout
// end::client[]

const status = document.getElementById("status");

function show(message) {
  document.getElementById("log").append(JSON.stringify(message), document.createElement("br"));
  return board;
}
