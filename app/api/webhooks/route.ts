import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';
import { createWebhook, listWebhooks, webhookInput } from '@/lib/webhooks/webhooks';

export const dynamic = 'force-dynamic';

/** POST {url} → 201 {id, url, secret}: the signing secret is shown this once. */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  const input = parseInput(webhookInput, await readJson(request, '{"url": "https://hooks.example.com/seo"}'));
  return Response.json(await createWebhook(user, input), { status: 201 });
});

/** The caller's webhooks (never their secrets). */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return { webhooks: await listWebhooks(user.id) };
});
