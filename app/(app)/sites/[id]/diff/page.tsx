import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requirePageUser } from '@/lib/auth/require-user';
import { getSiteOr404 } from '../../site-access';

export const dynamic = 'force-dynamic';

const pickSchema = z.object({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) });

/**
 * Where the site page's picker sends its two select boxes: on to the diff view, which checks that
 * both audits are this user's and of this site. Without two ids, back to the site.
 */
export default async function SiteDiffPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const site = await getSiteOr404(id, user);
  const pick = pickSchema.safeParse(await searchParams);
  if (!pick.success) redirect(`/sites/${site.id}`);
  redirect(`/audits/${encodeURIComponent(pick.data.from)}/diff/${encodeURIComponent(pick.data.to)}`);
}
