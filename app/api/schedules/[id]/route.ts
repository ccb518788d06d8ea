import { requireUser } from '@/lib/auth/require-user';
import { jsonRoute, parseInput, readJson } from '@/lib/http/json-route';
import { deleteSchedule, getScheduleForUser, toScheduleView, updateSchedule, updateScheduleInput } from '@/lib/schedules/schedules';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return toScheduleView(await getScheduleForUser(id, user));
});

/** Edit any field; {enabled: false} pauses (its job scheduler is removed), {enabled: true} resumes. */
export const PATCH = jsonRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  const input = parseInput(updateScheduleInput, await readJson(request, '{"enabled": false}'));
  return updateSchedule(id, user, input);
});

export const DELETE = jsonRoute<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  return deleteSchedule(id, user);
});
