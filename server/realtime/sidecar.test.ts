import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { createRealtimeServer } from "./sidecar";

describe("realtime sidecar", () => {
  it("answers its health check, accepts socket clients and closes cleanly", async () => {
    const server = createRealtimeServer({ corsOrigins: ["http://localhost:3000"], secret: "test-secret-test-secret-test-secret" });
    const port = await server.listen(0, "127.0.0.1");
    const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    expect(health).toMatchObject({ ok: true, connections: 0 });

    const client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    expect((await (await fetch(`http://127.0.0.1:${port}/health`)).json()).connections).toBe(1);

    const disconnected = new Promise<string>((resolve) => client.once("disconnect", (reason) => resolve(reason)));
    await server.close();
    expect(["io server disconnect", "transport close"]).toContain(await disconnected);
    expect(client.connected).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it("answers 404 for anything that is not its own", async () => {
    const server = createRealtimeServer({ corsOrigins: [], secret: "test-secret-test-secret-test-secret" });
    const port = await server.listen(0, "127.0.0.1");
    try {
      expect((await fetch(`http://127.0.0.1:${port}/admin`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
