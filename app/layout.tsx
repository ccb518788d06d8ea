import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Rival Outranker', template: '%s · Rival Outranker' },
  description: 'SEO analysis: instant page checks, professional site audits, bulk analysis and reports.',
};

// The favicon is app/icon.svg (Next links it by itself).
export const viewport: Viewport = { themeColor: '#1d4ed8' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
