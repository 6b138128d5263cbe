# syntax=docker/dockerfile:1
# The one-shot set-up job of docker-compose.yml: scripts/prepare.ts migrates every service's schema,
# makes sure the Kafka topics exist and loads the demo data (admin account, catalog), then exits.
#   docker build -f infra/docker/setup.Dockerfile -t marquee-setup .
ARG NODE_IMAGE=node:26-bookworm-slim

# prepare.ts seeds through identity and catalog, which bring db and events along.
FROM ${NODE_IMAGE} AS prune
WORKDIR /repo
RUN npm install --global --no-audit --no-fund turbo@2.11.11
COPY . .
RUN turbo prune @marquee/identity @marquee/catalog --docker

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=prune /repo/out/json/ ./
RUN npm ci --no-audit --no-fund
COPY --from=prune /repo/out/full/ ./
COPY tsconfig.base.json ./
RUN npm run generate -w @marquee/db

# Production dependencies only, plus tsx (a root devDependency) and the esbuild it runs on.
FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
COPY --from=prune /repo/out/json/ ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/node_modules/tsx ./node_modules/tsx
COPY --from=build /app/node_modules/esbuild ./node_modules/esbuild
COPY --from=build /app/node_modules/@esbuild ./node_modules/@esbuild

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-deps /app/ ./
COPY --from=prune /repo/out/full/ ./
COPY tsconfig.json tsconfig.base.json ./
COPY scripts/prepare.ts ./scripts/prepare.ts
# Writable: prepare.ts takes a lock directory here before it checks the clients are current.
COPY --from=build --chown=node:node /app/packages/db/generated ./packages/db/generated
USER node
CMD ["node", "--import", "tsx", "scripts/prepare.ts"]
