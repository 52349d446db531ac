import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, sidecarSources, staticSecurityHeaders } from "./headers";

describe("security headers", () => {
  it("HSTS and upgrade-insecure-requests only over https; unsafe-eval only in development", () => {
    expect(staticSecurityHeaders(false)["Strict-Transport-Security"]).toBeUndefined();
    expect(staticSecurityHeaders(true)["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    const prod = contentSecurityPolicy({ nonce: "abc", sidecar: [], dev: false, https: true });
    expect(prod).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(prod).toContain("upgrade-insecure-requests");
    expect(prod).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ nonce: "abc", sidecar: [], dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "abc", sidecar: [], dev: false, https: false })).not.toContain("upgrade-insecure-requests");
  });

  it("lets pages reach the sidecar: its public URL, else the page's host on its port, http and ws", () => {
    expect(sidecarSources("shop.example:3000", { port: 3001 })).toEqual(["http://shop.example:3001", "https://shop.example:3001", "ws://shop.example:3001", "wss://shop.example:3001"]);
    expect(sidecarSources("[::1]:3000", { port: 3001 })).toContain("ws://[::1]:3001");
    expect(sidecarSources("shop.example", { publicUrl: "https://live.shop.example", port: 3001 })).toEqual(["https://live.shop.example", "wss://live.shop.example"]);
  });
});
