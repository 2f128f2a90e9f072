import { z } from "zod";
import { isoDate, name, nullableTimestamp, timestamp } from "./common";

export const apiKeyRole = z.enum(["read", "write", "admin"]);

export const createApiKeyInput = z.strictObject({
  name,
  role: apiKeyRole,
  expiresAt: isoDate
    .refine((v) => new Date(v).getTime() > Date.now(), "must be in the future")
    .optional(),
  rateLimitPerMinute: z.int().min(10).max(10_000).optional().meta({ description: "Requests per minute for this key (default 600)." }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const apiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: apiKeyRole,
  rateLimitPerMinute: z.int(),
  expiresAt: nullableTimestamp,
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
  createdAt: timestamp,
});

/** The create response: the key's secret is in it this once; Readyroom keeps only its hash. */
export const createdApiKeyOutput = apiKeyOutput.extend({ key: z.string().meta({ description: "The secret. Send it as `Authorization: Bearer <key>`." }) });
