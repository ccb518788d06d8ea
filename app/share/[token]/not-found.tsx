export default function ShareNotFound() {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-2 px-4 py-16 text-center" data-testid="share-not-found">
      <h1 className="text-xl font-bold">This link was revoked or has expired</h1>
      <p className="text-slate-600">It no longer works (or never existed). Ask the person who shared it for a new link.</p>
    </main>
  );
}
