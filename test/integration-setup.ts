// Integration tests write to PostgreSQL and Redis: refuse to run against anything but a test database.
const url = process.env.DATABASE_URL ?? '';
if (!/_test(\?|$)/.test(url)) {
  throw new Error(`Integration tests need a *_test database (DATABASE_URL=${url}). Run them through \`npm test\`.`);
}
