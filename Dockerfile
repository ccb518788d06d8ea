FROM node:20-bookworm-slim
# Debian's Chromium renders JavaScript pages (puppeteer-core drives it; no browser download).
RUN apt-get update && apt-get install -y --no-install-recommends chromium ca-certificates && rm -rf /var/lib/apt/lists/*
ENV CHROME_PATH=/usr/bin/chromium NEXT_TELEMETRY_DISABLED=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    DATABASE_URL=postgresql://postgres@postgres:5432/rival_outranker
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx prisma generate && npx next build
EXPOSE 3000
