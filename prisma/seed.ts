import { env } from '@/lib/env';
import { db } from '@/lib/db';
import { ensureDefaultFlags } from '@/lib/flags/flags';
import { upsertUser } from '@/lib/users/users';

// Idempotent: safe on every start. Creates the first admin and a demo user from the environment.
async function seed() {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD must be set to seed the admin.');
  await upsertUser({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, name: 'Admin', role: 'ADMIN' });
  if (env.DEMO_EMAIL && env.DEMO_PASSWORD) {
    await upsertUser({ email: env.DEMO_EMAIL, password: env.DEMO_PASSWORD, name: 'Demo user', role: 'USER' });
  }
  // Flags are also created on first read; seeding them makes the admin page complete from the start.
  await ensureDefaultFlags();
  console.log(`Seeded admin ${env.ADMIN_EMAIL}${env.DEMO_EMAIL ? ` and demo ${env.DEMO_EMAIL}` : ''}.`);
}

seed()
  .finally(() => db.$disconnect())
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
