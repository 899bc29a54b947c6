// SPDX-License-Identifier: AGPL-3.0-or-later
// The physical ceiling of `npm run bench -- --workloads relay` (issue #18): a bare `ws` relay on the same
// machine, no storage and no checks. Connections on the same path are partners; a `send` frame is parsed as
// Obhut parses it, acknowledged to its sender and forwarded to the partner as a `message` frame.
import { WebSocketServer } from "ws";

const pairs = new Map();
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
wss.on("connection", (ws, req) => {
  const key = req.url ?? "/";
  const peers = pairs.get(key) ?? [];
  peers.push(ws);
  pairs.set(key, peers);
  const id = `relay-${key}-${peers.length}`;
  ws.send(JSON.stringify({ type: "hello", protocol: 1, nodeId: "relay" }));
  ws.on("message", (data) => {
    const frame = JSON.parse(data.toString("utf8"));
    if (frame.type !== "send") return;
    ws.send(JSON.stringify({ type: "ack", clientMsgId: frame.clientMsgId, conversationId: frame.conversationId }));
    const message = JSON.stringify({
      type: "message",
      conversationId: frame.conversationId,
      senderId: id,
      envelope: frame.envelope,
    });
    for (const peer of pairs.get(key)) if (peer !== ws) peer.send(message);
  });
});
wss.on("listening", () => process.stdout.write(`relay at http://127.0.0.1:${wss.address().port}\n`));
process.on("SIGTERM", () => process.exit(0));
