// The Socket.IO sidecar: its own process and port, relaying stock and price changes to
// browsers (the relay itself arrives with the live-inventory work). Here: start, answer a
// health check, stop cleanly. `createRealtimeServer` is separate from `main` so tests can boot
// it on port 0 with real clients.
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import { Server as IOServer } from "socket.io";

export interface RealtimeServer {
  io: IOServer;
  httpServer: HttpServer;
  /** Resolves with the port actually bound (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export interface RealtimeDeps {
  /** Origins allowed to open sockets (the app's public URL). */
  corsOrigins: string[];
}

export function createRealtimeServer(deps: RealtimeDeps): RealtimeServer {
  const startedAt = Date.now();
  const httpServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ ok: true, uptimeMs: Date.now() - startedAt, connections: io.engine.clientsCount }));
      return;
    }
    // Socket.IO answers its own path; everything else is not ours.
    if (!req.url?.startsWith("/socket.io")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "not found" }));
    }
  });
  const io = new IOServer(httpServer, {
    cors: { origin: deps.corsOrigins, credentials: true },
    serveClient: false,
  });

  return {
    io,
    httpServer,
    listen(port, host = "0.0.0.0") {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const addr = httpServer.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    async close() {
      // io.close() disconnects every socket and closes the HTTP server.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
    },
  };
}
