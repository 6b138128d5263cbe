# syntax=docker/dockerfile:1
# Every service's image, from the repository root as build context; SERVICE names the folder under
# apps/services and PORT its port in the list of services (packages/service/src/ports.json):
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=payment --build-arg PORT=5004 -t marquee-payment .
# docker-compose.yml builds each service this way. The service runs as its bundle (dist/, built by
# scripts/build-service.mjs with esbuild: its sources, the @marquee/* workspaces and the generated
# Prisma client in one compiled file and its chunks), so the final image holds the production
# dependencies and dist/ only: no TypeScript, no tsx, no compile step at start.
#
# Only the last two stages read SERVICE and PORT. Everything before them is the same for all seven
# services (their workspaces installed, every bundle built, their production dependencies), so
# Docker builds it once and the other six images, and the set-up job's, reuse it from its cache;
# the images also share those layers on disk. Build one image first, or let BuildKit share the
# stages when it builds them at once.
ARG NODE_IMAGE=node:26-bookworm-slim

# The seven services' workspaces and what they depend on; manifests (json/) apart from sources
# (full/), so the npm layers below stay cached until a manifest or the lock changes.
FROM ${NODE_IMAGE} AS prune
WORKDIR /repo
RUN npm install --global --no-audit --no-fund turbo@2.11.11
COPY . .
RUN turbo prune @marquee/identity @marquee/catalog @marquee/inventory @marquee/ordering @marquee/payment @marquee/fulfillment @marquee/notification --docker

# Every dependency, for generating the Prisma clients (packages/db/generated, git-ignored) and
# bundling the services, which compile them in.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=prune /repo/out/json/ ./
RUN npm ci --no-audit --no-fund
COPY --from=prune /repo/out/full/ ./
# esbuild reads each service's tsconfig.json, which extends this one.
COPY tsconfig.base.json ./
COPY scripts/build-service.mjs ./scripts/
COPY scripts/lib/service-bundle.mjs scripts/lib/services.mjs scripts/lib/paths.mjs ./scripts/lib/
RUN npm run generate -w @marquee/db
RUN npm run build -w @marquee/identity -w @marquee/catalog -w @marquee/inventory -w @marquee/ordering -w @marquee/payment -w @marquee/fulfillment -w @marquee/notification

# Production dependencies only (those of the seven services together): a bundle imports its npm
# packages from node_modules.
FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
COPY --from=prune /repo/out/json/ ./
RUN npm ci --omit=dev --no-audit --no-fund

# The set-up job of docker-compose.yml (`--target setup`): scripts/prepare.ts migrates every
# service's schema, makes sure the Kafka topics exist and loads the demo data (admin account,
# catalog), then exits. It runs on the services' production dependencies, with tsx (a root
# devDependency, copied alone with the esbuild it runs on) for the script itself.
#   docker build -f infra/docker/service.Dockerfile --target setup -t marquee-setup .
FROM ${NODE_IMAGE} AS setup
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-deps /app/ ./
COPY --from=build /app/node_modules/tsx ./node_modules/tsx
COPY --from=build /app/node_modules/esbuild ./node_modules/esbuild
COPY --from=build /app/node_modules/@esbuild ./node_modules/@esbuild
COPY --from=prune /repo/out/full/ ./
COPY tsconfig.json tsconfig.base.json ./
COPY scripts/prepare.ts ./scripts/prepare.ts
# Writable: prepare.ts takes a lock directory here before it checks the clients are current.
COPY --from=build --chown=node:node /app/packages/db/generated ./packages/db/generated
USER node
CMD ["node", "--import", "tsx", "scripts/prepare.ts"]

# A missing or unknown SERVICE, or a PORT that is not the listed one, stops the build here, in a
# stage that needs nothing else (BuildKit runs it at once, beside the stages above).
FROM ${NODE_IMAGE} AS arguments
ARG SERVICE
ARG PORT
WORKDIR /repo
COPY infra/docker/check-service-args.mjs ./infra/docker/
COPY packages/service/src/ports.json ./packages/service/src/
RUN node infra/docker/check-service-args.mjs "${SERVICE}" "${PORT}" \
  && mkdir -p /checked/etc/marquee \
  && printf 'SERVICE=%s\nPORT=%s\n' "${SERVICE}" "${PORT}" > /checked/etc/marquee/service.env

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# The workspaces' package.json files come with the dependencies: the service's says "type": "module".
COPY --from=production-deps /app/ ./
ARG SERVICE
ARG PORT
# What was checked, kept as /etc/marquee/service.env (the copy also makes this stage one the
# image needs, so a builder that skips unused stages still runs the check).
COPY --from=arguments /checked/ /
COPY --from=build /app/apps/services/${SERVICE}/dist ./apps/services/${SERVICE}/dist
# The service's own writable folder: identity keeps its signing keys here when JWT_KEYS is unset
# (a volume in docker-compose.yml).
RUN mkdir -p /var/lib/marquee/${SERVICE} && chown node:node /var/lib/marquee/${SERVICE}
USER node
WORKDIR /app/apps/services/${SERVICE}
EXPOSE ${PORT}
CMD ["node", "--enable-source-maps", "dist/main.js"]
