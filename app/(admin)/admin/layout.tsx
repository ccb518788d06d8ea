import { AdminNav } from '@/components/admin/admin-nav';
import { AppHeader } from '@/components/app-header';
import { requirePageAdmin } from '@/lib/auth/require-user';

// The header needs the user; the protection is in each page (see requirePageAdmin).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageAdmin();
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <AdminNav />
        {children}
      </main>
    </>
  );
}
