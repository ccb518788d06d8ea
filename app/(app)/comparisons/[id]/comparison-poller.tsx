'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { statusSignature } from './status-signature';

const POLL_MS = 2_000;

/**
 * While a comparison runs, asks its API for the status every 2 s and re-renders the server page
 * when the comparison or any site's status changes (each site's own bar is live through its SSE).
 */
export function ComparisonPoller({ id, signature }: { id: string; signature: string }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/comparisons/${id}`, { cache: 'no-store' }).catch(() => null);
      if (stopped || !res?.ok) return;
      const view = (await res.json()) as { status: string; sites: { status: string }[] };
      if (statusSignature(view) !== signature) router.refresh();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, signature, router]);
  return null;
}
