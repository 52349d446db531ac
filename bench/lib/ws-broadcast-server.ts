// The baselines: a plain `ws` server that broadcasts each message to every client.
// POST /blast {count, payload} sends `count` messages (fan-out throughput; each client's send
// encodes the string, as `ws` does for a string). POST /event {payload} sends one stock event,
// encoded once to a Buffer (as Socket.IO encodes a broadcast once): the latency floor, with no
// relay, no Redis and no Socket.IO between the commit and the clients.
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
  if (req.url === "/event" && req.method === "POST") {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const { payload } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { payload: unknown };
      const data = Buffer.from(`42${JSON.stringify(["stock.changed", payload])}`);
      for (const c of wss.clients) c.send(data, { binary: false });
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
