/**
 * In-process signal that deliveries were written to the outbox, so the
 * worker flushes them right after the write commits instead of at its next
 * sweep. A lost signal (another process wrote them) only delays delivery.
 */
const holder = globalThis as typeof globalThis & { __readyroomOutbox?: { dirty: boolean; kick: Set<() => void> } };
const state = (holder.__readyroomOutbox ??= { dirty: false, kick: new Set() });

/** Inside a transaction: there is something to send once it commits. */
export function markOutboxDirty(): void {
  state.dirty = true;
}

/** Clears the flag and says whether it was set. */
export function takeOutboxDirty(): boolean {
  const was = state.dirty;
  state.dirty = false;
  return was;
}

/** After a commit: send what is in the outbox now. */
export function kickOutbox(): void {
  state.dirty = true;
  for (const listener of state.kick) listener();
}

export function onOutboxKick(listener: () => void): () => void {
  state.kick.add(listener);
  return () => state.kick.delete(listener);
}
