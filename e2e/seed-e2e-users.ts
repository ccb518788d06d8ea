// A second ordinary user for the e2e run, to prove one user cannot read another's audits and reports.
import { db } from '@/lib/db';
import { upsertUser } from '@/lib/users/users';
import { OTHER } from './helpers';

upsertUser({ ...OTHER, name: 'Other user', role: 'USER' })
  .finally(() => db.$disconnect())
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
