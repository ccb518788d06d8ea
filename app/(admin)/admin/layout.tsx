import { notFound, redirect } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { getCurrentUser } from '@/lib/auth/require-user';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?next=/admin');
  if (user.role !== 'ADMIN') notFound();
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
