# Two images from one file. The default target, `runtime`, runs every bridge service (SERVICE picks which one)
# and holds no simulator and no test-only library. `--target sandbox` runs the two simulators, for
# docker compose and demos only: their /sim endpoints have no authentication.
# Build stage: every dependency, and the TypeScript compiled to dist/ (tools/build.mjs).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY tools ./tools
COPY apps ./apps
COPY libs ./libs
RUN node tools/build.mjs \
  && mkdir -p /services \
  && cp -r dist /services/dist \
  && rm -rf /services/dist/apps/*-simulator /services/dist/apps/e2e /services/dist/libs/testing

# The simulators. The Genesys Cloud simulator checks sign-ins with @node-saml/node-saml, a devDependency (no
# bridge service uses it), so the sandbox takes the build stage's full node_modules: a demo image, size aside.
FROM node:20-bookworm-slim AS sandbox
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
ENV SERVICE=genesys-cloud-simulator
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/src/main.js"]

# Run stage: production dependencies and the compiled services only.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
# A V8 heap of 128 MiB keeps a service's peak RSS under 200 MiB through a 10,000-user initial sync (bench/sync,
# docs/benchmarks.md); without a cap V8 grows the heap long before it collects. Raise it for larger centers.
ENV NODE_OPTIONS=--max-old-space-size=128
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /services/dist ./dist
USER node
ENV SERVICE=cic-ingestion
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/src/main.js"]
