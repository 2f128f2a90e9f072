/**
 * The server's life after SIGTERM (docs/decisions/0014-shutdown.md), shared
 * through globalThis between the launcher (scripts/start.mjs, outside the
 * Next bundle) and the app: the launcher marks the server draining and, once
 * the last request has finished, runs the hooks the app registered (the job
 * queue, timers) before it closes the database and exits.
 */
export interface Lifecycle {
  /** Set by the launcher when SIGTERM arrives: /api/ready answers 503 from then on. */
  drainingSince: number | null;
  /** Run by the launcher after the last request, in registration order. */
  shutdownHooks: Map<string, () => Promise<void>>;
}

const holder = globalThis as { __readyroomLifecycle?: Lifecycle };

export function lifecycle(): Lifecycle {
  return (holder.__readyroomLifecycle ??= { drainingSince: null, shutdownHooks: new Map() });
}

export function isDraining(): boolean {
  return lifecycle().drainingSince !== null;
}

/** Registers (or replaces, by name) work to finish before the process exits. */
export function onShutdown(name: string, hook: () => Promise<void>): void {
  lifecycle().shutdownHooks.set(name, hook);
}
