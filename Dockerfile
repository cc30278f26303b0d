# syntax=docker/dockerfile:1
# Waymark's production image. Not built on the development machines (they have a Docker client and no daemon):
# CI lints this file and tests/unit/deploy-files.test.ts checks the properties below. README "Running on several
# machines".
#
# Debian slim, not Alpine: sharp's prebuilt libvips and @libsql's native client are glibc builds, and package-lock.json
# holds the linux-x64/arm64 gnu packages that npm ci picks.

# ---- build: the Next admin (.next/) and the compiled server (dist/serve.mjs), then production packages only
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# next build's cache is a build-time speed-up only; the runtime image has no use for it.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf .next/cache

# ---- runtime: compiled JavaScript and production packages, owned by root so the app cannot rewrite its own code
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
# The server runs as npm start runs it: NODE_ENV=production and a V8 heap cap (WAYMARK_HEAP_MB's default, 320).
# --conditions=production is on the command line below, so overriding NODE_OPTIONS cannot drop it.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=320 \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
COPY --from=build --chown=root:root /app/package.json /app/next.config.mjs ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/.next ./.next
# Express serves views/assets; the views themselves are compiled into dist/serve.mjs, and so are the migrations.
COPY --from=build --chown=root:root /app/views/assets ./views/assets
# The only places the app writes: data/ (SQLite when DATABASE_URL is unset, the erasure log, the outbox), media/
# (uploads when S3_* is unset) and Next's runtime cache. A named volume mounted here starts with this ownership.
RUN mkdir -p data media .next/cache \
  && chown node:node data media .next/cache
USER node
EXPOSE 3000
# /healthz answers while the process is alive; node, because the slim image has neither curl nor wget.
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: no shell stands between Docker and node, so SIGTERM reaches Node (graceful shutdown,
# WAYMARK_SHUTDOWN_SECONDS). compose.yaml adds an init (`init: true`) to reap exited worker processes.
CMD ["node", "--conditions=production", "dist/serve.mjs"]
