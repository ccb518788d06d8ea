import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';
import { createSchedule, createScheduleInput, listSchedules } from '@/lib/schedules/schedules';

export const dynamic = 'force-dynamic';

/** POST {url, frequency: DAILY|WEEKLY|MONTHLY, hour?, minute?, dayOfWeek?, dayOfMonth?, scoreDropThreshold?, options?} → 201 schedule. */
export const POST = jsonRoute(async (request) => {
  const user = await requireUser();
  const input = parseInput(createScheduleInput, await readJson(request, '{"url": "https://example.com", "frequency": "WEEKLY"}'));
  return Response.json(await createSchedule(user, input), { status: 201 });
});

export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return { schedules: await listSchedules(user.id) };
});
