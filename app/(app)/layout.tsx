import { AppHeader } from '@/components/app-header';
import { requirePageUser } from '@/lib/auth/require-user';

// The signed-in area's frame. Its check only picks the header's user: every page checks the
// session itself, because Next renders a page in parallel with its layout.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </>
  );
}
