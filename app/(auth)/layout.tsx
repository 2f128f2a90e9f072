export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-gradient-to-b from-zinc-50 to-zinc-100 px-4 py-12 dark:from-zinc-950 dark:to-zinc-900">
      <div className="w-full max-w-md">
        <div className="mb-8 flex items-center justify-center gap-2">
          <span aria-hidden className="flex size-9 items-center justify-center rounded-lg bg-brand-600 text-base font-bold text-white">R</span>
          <span className="text-xl font-semibold tracking-tight">Readyroom</span>
        </div>
        {children}
      </div>
    </main>
  );
}
