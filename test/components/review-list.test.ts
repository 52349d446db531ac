// Review text is plain text: whatever a customer or seller typed renders escaped (decision 163).
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NextIntlClientProvider } from "next-intl";
import en from "@/messages/en.json";
import { ReviewList } from "@/components/reviews/review-list";

describe("ReviewList", () => {
  it("renders an HTML/script payload in a review and a reply as text, with the verified badge", () => {
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)> & <b>bold</b>`;
    const html = renderToStaticMarkup(
      // The English messages, as the storefront gives them (NextIntlClientProvider in the root layout).
      createElement(NextIntlClientProvider, { locale: "en", messages: en } as ComponentProps<typeof NextIntlClientProvider>, createElement(ReviewList, {
        reviews: [
          { id: "r1", rating: 1, body: payload, author: "Eve M.", verified: true, createdAt: new Date("2026-12-01T10:00:00Z"), edited: false, reply: { body: payload, at: new Date("2026-12-02T10:00:00Z"), storeName: "<i>Store</i>" } },
        ],
      })),
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<i>");
    expect(html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/g)).toHaveLength(2);
    expect(html).toContain("Verified purchase");
  });
});
