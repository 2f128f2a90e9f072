import { Card } from "@/components/ui/card";

/** A card with an h3 title: item pages sit below the project's h1 and the item's h2. */
export function Section({ title, description, actions, children, id }: { title: string; description?: string; actions?: React.ReactNode; children: React.ReactNode; id?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <Card>
      <section aria-labelledby={headingId} aria-label={headingId ? undefined : title}>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
          <div className="min-w-0">
            <h3 id={headingId} className="text-sm font-semibold">{title}</h3>
            {description ? <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{description}</p> : null}
          </div>
          {actions}
        </div>
        <div className="px-5 py-4">{children}</div>
      </section>
    </Card>
  );
}
