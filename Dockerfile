# syntax=docker/dockerfile:1
# Readyroom's production image: `docker build -t readyroom .`, then run it with
# docker-compose.yml or as docs/deploy.md says. It serves with the launcher
# (scripts/start.mjs), which applies the migrations first and drains on
# SIGTERM; Next's standalone output is not used (docs/decisions/0015-deployment.md).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# `npm ci` runs postinstall, which generates the Prisma client into lib/generated from the schema.
COPY package.json package-lock.json .npmrc ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build \
 && rm -rf .next/cache \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    READYROOM_HOST=0.0.0.0
# What the launcher, the server and the CLI read at run time. The CLI runs
# cli/main.ts and lib/ with tsx (a dependency), so the TypeScript sources and
# tsconfig.json (its @/ paths) come along; prisma/ holds the migrations.
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.mjs /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/bin ./bin
COPY --from=build /app/cli ./cli
COPY --from=build /app/lib ./lib
COPY --from=build /app/prisma ./prisma
# The server writes its cache under .next at run time.
COPY --from=build --chown=node:node /app/.next ./.next
USER node
EXPOSE 3000
# Liveness only (no curl in slim images); readiness is GET /api/ready, for the load balancer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/start.mjs", "--no-build", "--no-seed"]
