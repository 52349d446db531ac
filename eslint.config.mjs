import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Where code runs decides what it may import (docs/architecture.md, "Folders"):
//   server/      only on the server (every file starts with `import "server-only"`)
//   shared/      anywhere: imports nothing of ours but shared/, and no Node built-ins
//   client/      the browser's data layer; components/ the UI: neither imports values from server/
// and nothing but server/env.ts reads process.env.
const serverValues = {
  group: ["@/server", "@/server/*", "**/server/*"],
  allowTypeImports: true,
  message: "Browser code may import only types from server/: move shared values to shared/.",
};
const noUi = {
  group: ["@/components", "@/components/*", "@/client", "@/client/*", "@/app/*"],
  message: "server/ and shared/ do not depend on the UI.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "dist/**", "node_modules/**", "generated/**", ".data/**", "next-env.d.ts", "public/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through server/env.ts (parsed once with zod)." },
      ],
    },
  },
  {
    // The environment module itself; Next.js's build-time NEXT_RUNTIME switch; and test and
    // benchmark harnesses, which configure the processes they start.
    files: ["server/env.ts", "instrumentation.ts", "e2e/**", "bench/**", "playwright.config.ts", "prisma.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["components/**", "client/**", "app/**/*-form.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [serverValues] }] },
  },
  {
    files: ["shared/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/server", "@/server/*", "**/server/*", "@/generated/*"], message: "shared/ runs in the browser too: nothing from server/." },
            noUi,
            { group: ["node:*"], message: "shared/ runs in the browser too: no Node built-ins." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noUi] }] },
  },
];

export default config;
