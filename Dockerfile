# One image for every service and both simulators; SERVICE picks which one runs.
# Build stage: every dependency, and the TypeScript compiled to dist/ (tools/build.mjs).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY tools ./tools
COPY apps ./apps
COPY libs ./libs
RUN node tools/build.mjs

# Run stage: production dependencies and the compiled services only.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# A V8 heap of 128 MiB keeps a service's peak RSS under 200 MiB through a 10,000-user initial sync (bench/sync,
# docs/benchmarks.md); without a cap V8 grows the heap long before it collects. Raise it for larger centers.
ENV NODE_OPTIONS=--max-old-space-size=128
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
ENV SERVICE=cic-ingestion
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/src/main.js"]
