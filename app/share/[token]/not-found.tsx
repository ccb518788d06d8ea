export default function ShareNotFound() {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-2 px-4 py-16 text-center" data-testid="share-not-found">
      <h1 className="text-xl font-bold">This link does not work</h1>
      <p className="text-slate-600">It does not exist, has expired or was revoked by the person who shared it.</p>
    </main>
  );
}
