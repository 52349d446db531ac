// Where the app may send a browser after sign-in or registration: same-origin paths only, however
// the value is written (the open-redirect attacks of issue 10 and their relatives).
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback";

const APP = "https://shop.example";

describe("safeCallbackUrl", () => {
  it.each([
    ["/\t/evil.example/x", "a tab (browsers drop it: //evil.example)"],
    ["/%09/evil.example/x".replace("%09", "\t"), "a decoded %09"],
    ["/\n/evil.example", "a newline"],
    ["/\r\n/evil.example", "CRLF (a header injection too)"],
    ["//evil.example", "protocol-relative"],
    ["///evil.example", "three slashes"],
    ["/\\evil.example", "slash backslash"],
    ["\\\\evil.example", "two backslashes"],
    ["\\/evil.example", "backslash slash"],
    ["/.//evil.example", "a dot segment that normalises to //"],
    ["/x/..//evil.example", "a dot-dot segment that normalises to //"],
    ["https://evil.example/x", "another origin"],
    ["http://shop.example/x", "the app's host over another scheme"],
    ["https://shop.example.evil.example/", "a look-alike host"],
    ["https://shop.example@evil.example/", "credentials before another host"],
    ["javascript:alert(1)", "javascript:"],
    [" javascript:alert(1)", "javascript: after a space"],
    ["JaVaScRiPt:alert(1)", "javascript: in mixed case"],
    ["data:text/html,<script>alert(1)</script>", "data:"],
    ["/\u0000/evil.example", "a NUL"],
    ["evil.example", "a bare host name"],
    ["", "empty"],
    [undefined, "missing"],
    [["//evil.example", "/orders"], "the first of several values"],
    [42, "not a string"],
  ] as [unknown, string][])("sends %j home (%s)", (value) => {
    expect(safeCallbackUrl(value, APP)).toBe("/");
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it.each([
    ["/orders", "/orders"],
    ["/orders/abc?tab=items#top", "/orders/abc?tab=items#top"],
    ["/search?q=%2F%2Fevil.example", "/search?q=%2F%2Fevil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    [["/checkout"], "/checkout"],
  ])("keeps the same-origin path %j", (value, path) => {
    expect(safeCallbackUrl(value, APP)).toBe(path);
    expect(safeCallbackUrl(value)).toBe(path);
  });

  it("accepts the app's own absolute URLs (next-auth passes those) as their path", () => {
    expect(safeCallbackUrl("https://shop.example/orders?x=1", APP)).toBe("/orders?x=1");
    expect(safeCallbackUrl("https://shop.example", APP)).toBe("/");
  });

  it("whatever it answers is a path a browser resolves on the app's origin", () => {
    const samples = ["/a", "/\t/b", "//c", "/\\d", "/./e", "/%5C%5Cf", "/..%2F/g", "https://shop.example//h", "/ /i"];
    for (const s of samples) {
      const out = safeCallbackUrl(s, APP);
      expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\")).toBe(true);
      expect(new URL(out, APP).origin).toBe(APP);
    }
  });
});
