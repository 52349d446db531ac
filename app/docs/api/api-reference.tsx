"use client";
// Mounts Swagger UI once its bundle (served by app/docs/api/assets) has loaded: next/script
// carries the page's CSP nonce and runs onReady again on client-side navigations.
import Script from "next/script";
// Bundled by Next.js into this page's own stylesheet (served from /_next/static, no CDN).
import "swagger-ui-dist/swagger-ui.css";
import { useId } from "react";

type SwaggerUIBundle = (config: { url: string; domNode: HTMLElement; deepLinking?: boolean; tryItOutEnabled?: boolean; defaultModelsExpandDepth?: number }) => unknown;

export function ApiReference({ nonce, specUrl }: { nonce?: string; specUrl: string }) {
  const id = useId();
  return (
    <>
      <div id={id} data-testid="api-reference" className="mt-6" />
      <Script
        src="/docs/api/assets/swagger-ui-bundle.js"
        nonce={nonce}
        strategy="afterInteractive"
        onReady={() => {
          const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUIBundle }).SwaggerUIBundle;
          const domNode = document.getElementById(id);
          if (bundle && domNode) bundle({ url: specUrl, domNode, deepLinking: true, defaultModelsExpandDepth: 0 });
        }}
      />
    </>
  );
}
