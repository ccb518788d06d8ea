import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';
import { markNotificationsRead, markReadInput } from '@/lib/notifications/notifications';

export const dynamic = 'force-dynamic';

/** POST {ids:[…]} or {all: true} → {marked} (only the caller's own notifications). */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  const input = parseInput(markReadInput, await readJson(request, '{"all": true}'));
  return markNotificationsRead(user.id, input);
});
