import { z } from "zod";
import { cursorQuery, isoDate, timestamp } from "./common";

export const auditEventOutput = z.object({
  id: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorApiKeyId: z.string().nullable(),
  metadata: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: timestamp,
});

/** Who did it: one member (by user id), one API key, any API key, or the system (CLI, seed, scheduled jobs). */
export type AuditActorFilter = { type: "user"; userId: string } | { type: "apiKey"; apiKeyId?: string } | { type: "system" };

export const API_KEY_ACTOR = "api-key";
export const SYSTEM_ACTOR = "system";
const ID = "[A-Za-z0-9_-]{1,100}";
const ACTOR = new RegExp(`^(?:${SYSTEM_ACTOR}|${API_KEY_ACTOR}(?::${ID})?|${ID})$`);

/** The `actor` parameter's value for an event's actor, the form the filter takes: a user id, `api-key:<id>` or `system`. */
export function auditActorValue(event: { actorUserId: string | null; actorApiKeyId: string | null }): string {
  if (event.actorUserId) return event.actorUserId;
  if (event.actorApiKeyId) return `${API_KEY_ACTOR}:${event.actorApiKeyId}`;
  return SYSTEM_ACTOR;
}

function parseActor(value: string): AuditActorFilter {
  if (value === SYSTEM_ACTOR) return { type: "system" };
  if (value === API_KEY_ACTOR) return { type: "apiKey" };
  if (value.startsWith(`${API_KEY_ACTOR}:`)) return { type: "apiKey", apiKeyId: value.slice(API_KEY_ACTOR.length + 1) };
  return { type: "user", userId: value };
}

/** An action (`item.updated`), or a prefix ending in a dot (`item.`) for every action under it. */
const ACTION = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?$/;

const filterShape = {
  actor: z
    .string()
    .regex(ACTOR, "must be a user id, api-key, api-key:<id> or system")
    .transform(parseActor)
    .optional()
    .meta({
      description:
        "Who did it: a member's user id (also a former member's), `api-key:<id>` for one API key, `api-key` for any API key, or `system` for the command line, seed and scheduled jobs.",
      example: "api-key:cm9x2k1ab0000qz8l3f4g5h6j",
    }),
  action: z
    .string()
    .max(100, "must be at most 100 characters")
    .regex(ACTION, "must be an action such as item.updated, or a prefix ending in a dot such as item.")
    .optional()
    .meta({ description: "An exact action (`item.updated`), or a prefix ending in a dot for every action under it (`item.` matches `item.created`, `item.updated`…; `webhook.` every webhook action).", example: "item." }),
  targetType: z
    .string()
    .max(60, "must be at most 60 characters")
    .regex(/^[A-Za-z0-9_-]+$/, "must be an object type such as item, project or api_key")
    .optional()
    .meta({ description: "The object's type, exactly: `item`, `project`, `gate`, `webhook`, `api_key`, `membership`…", example: "item" }),
  targetId: z
    .string()
    .min(1, "must not be empty")
    .max(200, "must be at most 200 characters")
    .optional()
    .meta({ description: "The object's id, exactly; needs `targetType`." }),
  from: isoDate
    .transform((v) => new Date(v))
    .optional()
    .meta({ description: "Events at or after this instant (inclusive), ISO 8601 with an offset.", example: "2026-01-01T00:00:00Z" }),
  to: isoDate
    .transform((v) => new Date(v))
    .optional()
    .meta({ description: "Events before this instant (exclusive), ISO 8601 with an offset; not before `from`.", example: "2026-02-01T00:00:00Z" }),
};

function checkFilter(value: { targetType?: string; targetId?: string; from?: Date; to?: Date }, ctx: z.RefinementCtx) {
  if (value.targetId !== undefined && value.targetType === undefined) {
    ctx.addIssue({ code: "custom", path: ["targetId"], message: "needs targetType" });
  }
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  }
}

/** The audit log's filters (query parameters), every one optional; together they narrow (AND). */
export const auditEventFilterQuery = z.strictObject(filterShape).superRefine(checkFilter);
export type AuditEventFilter = z.output<typeof auditEventFilterQuery>;

/** A page of the audit log: the filters plus the cursor. */
export const listAuditEventsQuery = z.strictObject({ ...cursorQuery.shape, ...filterShape }).superRefine(checkFilter);
export type ListAuditEventsQuery = z.output<typeof listAuditEventsQuery>;
