import { requireAdmin } from '@/lib/auth/require-user';
import { jsonRoute } from '@/lib/http/json-route';
import { listUsersForAdmin, userListQuery } from '@/lib/users/admin-users';

export const dynamic = 'force-dynamic';

/** GET ?q=&page= → {users: [{id, email, name, role, createdAt, disabledAt, auditCount}], total, pageSize} (admins only). */
export const GET = jsonRoute(async (request) => {
  await requireAdmin();
  const params = new URL(request.url).searchParams;
  return listUsersForAdmin(userListQuery.parse({ q: params.get('q') ?? undefined, page: params.get('page') ?? undefined }));
});
