// The fan-out baseline: a plain `ws` server that broadcasts each message to every client,
// encoding it once, as Socket.IO does. POST /blast {count, payload} sends `count` messages.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const port = Number(process.env.PORT ?? 3951);
const server = createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, connections: wss.clients.size, rssBytes: process.memoryUsage().rss }));
    return;
  }
  if (req.url === "/blast" && req.method === "POST") {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const { count, payload } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { count: number; payload: unknown };
      for (let i = 0; i < count; i++) {
        // The same bytes Socket.IO puts on the wire for an event packet.
        const data = `42${JSON.stringify(["stock.changed", { ...(payload as object), version: i + 1 }])}`;
        for (const c of wss.clients) c.send(data);
      }
      res.writeHead(204);
      res.end();
    });
    return;
  }
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ server });
server.listen(port, "127.0.0.1");
