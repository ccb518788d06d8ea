-- Encrypted crawl secrets (custom headers, cookies, basic auth) of an audit.
ALTER TABLE "Audit" ADD COLUMN "secrets" TEXT;
