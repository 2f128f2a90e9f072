import { EventEmitter } from "node:events";
import { database, rawDb } from "./client";

/**
 * Live updates across every application server: a change is published with
 * PostgreSQL NOTIFY; each server LISTENs once and fans the event out to its
 * own open streams (Server-Sent Events). Payloads carry ids only, never
 * content: a client refetches what it is allowed to see.
 */
const CHANNEL = "readyroom_changes";

export interface ProjectChange {
  workspaceId: string;
  projectId: string;
  type: "item" | "phase" | "owner" | "view" | "project";
  /** Item key or phase id, when one thing changed. */
  ref?: string;
}

const holder = globalThis as typeof globalThis & {
  __readyroomEvents?: { emitter: EventEmitter; ready: Promise<void> };
  __readyroomAfterChange?: Set<(change: ProjectChange) => void>;
};
const afterChangeListeners = (holder.__readyroomAfterChange ??= new Set());

/**
 * Runs `listener` in this process after every committed change it publishes
 * (the webhook worker reviews gates and flushes its outbox there). Returns the
 * function that stops it.
 */
export function afterChange(listener: (change: ProjectChange) => void): () => void {
  afterChangeListeners.add(listener);
  return () => afterChangeListeners.delete(listener);
}

function hub() {
  if (!holder.__readyroomEvents) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    const ready = database()
      .then((db) =>
        db.listen(CHANNEL, (payload) => {
          try {
            const change = JSON.parse(payload) as ProjectChange;
            emitter.emit(change.projectId, change);
          } catch {
            // A malformed payload is not ours; ignore it.
          }
        }),
      )
      .then(() => undefined);
    holder.__readyroomEvents = { emitter, ready };
  }
  return holder.__readyroomEvents;
}

/** Publishes after the write committed (NOTIFY inside a rolled-back transaction would be lost anyway). */
export async function publishChange(change: ProjectChange): Promise<void> {
  const prisma = await rawDb();
  await prisma.$executeRawUnsafe("SELECT pg_notify($1, $2)", CHANNEL, JSON.stringify(change));
  for (const listener of afterChangeListeners) listener(change);
}

/** Calls `onChange` for every change to the project until the returned function is called. */
export async function subscribeToProject(projectId: string, onChange: (change: ProjectChange) => void): Promise<() => void> {
  const { emitter, ready } = hub();
  await ready;
  emitter.on(projectId, onChange);
  return () => emitter.off(projectId, onChange);
}
