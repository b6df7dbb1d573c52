// A page's client in Node: channels.js given several servers, printing what it sees, one line each:
// "open <url>" when connected, "text <text>" for each message, "impossible <stream> <reason>" when
// a resume cannot recover. Arguments: the route, then the servers. Ends when its stdin closes.
import { Channel } from "./channels.js";

const [route, ...servers] = process.argv.slice(2);
const channel = new Channel(route, { servers, heartbeatMs: 0 });
channel.onState((state) => {
  if (state === "open") console.log("open " + channel.url);
});
channel.on("text", (message) => console.log("text " + message.text));
channel.on("recovery_impossible", ({ stream, reason }) => console.log("impossible " + stream + " " + reason));
process.stdin.resume();
process.stdin.on("end", () => {
  channel.close();
  process.exit(0);
});
