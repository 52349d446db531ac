# syntax=docker/dockerfile:1
# Livemarket image: `npm start` (app + sidecar, or the app alone with `-- --no-sidecar`) or the
# sidecar alone (`node dist/sidecar.mjs`), on a build prepared here: the container never builds
# at run time. Runs as the unprivileged `node` user; data (embedded database, uploads, the
# generated session secret, mail files) in the /data volume.
#   docker build -t livemarket .
#   docker run -p 3000:3000 -p 3001:3001 -v livemarket-data:/data livemarket
# deploy/docker-compose.yml runs it with PostgreSQL, Redis, Prometheus and Grafana.
# (Not built in this repository's CI: no Docker engine there; see docs/observability.md.)

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Every dependency (the build needs the dev tools too).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The build `npm start` serves (`npm run build`): Prisma client, sidecar bundle, Next.js
#    production build, and the fingerprint of the sources it was made from.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build && rm -rf .next/cache

# 3. Production dependencies only.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 4. The image: sources, the build and production dependencies, owned by root (read-only for the
#    app); only /data and Next.js's cache folder are the app user's.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    DATA_DIR=/data \
    PORT=3000 \
    SIDECAR_PORT=3001
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.mjs /app/postcss.config.mjs /app/prisma.config.ts /app/instrumentation.ts /app/proxy.ts ./
COPY --from=build /app/app ./app
COPY --from=build /app/components ./components
COPY --from=build /app/client ./client
COPY --from=build /app/shared ./shared
COPY --from=build /app/server ./server
COPY --from=build /app/types ./types
COPY --from=build /app/i18n ./i18n
COPY --from=build /app/messages ./messages
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/public ./public
COPY --from=build /app/generated ./generated
COPY --from=build /app/dist ./dist
COPY --from=build /app/.next ./.next
# The build's fingerprint hashes the sources' contents (scripts/build.ts), so the copied build is
# current here; with NODE_ENV=production `npm start` never builds (it would refuse, not build).
RUN mkdir -p /data .next/cache \
 && chown -R node:node /data .next/cache
USER node
VOLUME ["/data"]
EXPOSE 3000 3001
# Liveness only (GET /health); orchestrators route traffic on GET /ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["npm", "start"]
