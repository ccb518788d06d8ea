-- Page.facts (~4 KB of JSON per page) is compressed on every insert: lz4 costs PostgreSQL about
-- 0.1 ms less CPU per saved page than the default pglz (PostgreSQL 14+ built with lz4, as the
-- official images and Debian's packages are). Rows already written keep pglz until rewritten.
ALTER TABLE "Page" ALTER COLUMN "facts" SET COMPRESSION lz4;
