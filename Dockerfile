# duban — multi-stage: compile TypeScript, then run the compiled JS with production dependencies only.
#
# tests/deploy/image-steps.test.ts performs these steps without Docker: it reads this file's ARG,
# FROM, WORKDIR, COPY, RUN, ENV, HEALTHCHECK and CMD lines and does what they say in a temporary
# folder. A RUN it does not know fails that test: teach it there when you add one here.
#
# Build arguments, for offices behind a firewall (docs/部署指南.md):
#   NODE_IMAGE    the base image, e.g. an intranet registry's copy of node:24-bookworm-slim
#   NPM_REGISTRY  an npm mirror for `npm ci` (unset: npm's default registry)
# The runtime stage also installs one Debian package (the chart's font) with apt-get, from the
# Debian mirror the base image names.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG NPM_REGISTRY
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci ${NPM_REGISTRY:+--registry=$NPM_REGISTRY} --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ARG NPM_REGISTRY
# The progress chart's Chinese font (src/chart/chart-font.ts looks for it): Debian's
# fonts-wqy-microhei, 5 MB. Without it the chart is left out of the digest and 进度, nothing else.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
# A 2 MB young generation and one V8 worker thread keep idle RSS ~20 MB lower; the full-path bench
# at 200 events/s showed no cost (bench/RESULTS.md).
ENV NODE_ENV=production PORT=3000 CONFIG_DIR=/app/config NODE_OPTIONS="--max-semi-space-size=2 --v8-pool-size=1"
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; none of them needs its install script (package.json allowScripts).
RUN npm ci ${NPM_REGISTRY:+--registry=$NPM_REGISTRY} --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# `docker compose exec duban duban check`: the CLI on PATH (dist/cli/main.js has a shebang).
RUN ln -s /app/dist/cli/main.js /usr/local/bin/duban
COPY config ./config
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Exec form: node runs as PID 1 and gets SIGTERM itself, so `docker stop` runs the graceful shutdown.
CMD ["node", "dist/main.js"]
