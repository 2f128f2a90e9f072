import { z } from "zod";
import { isoDate, name } from "./common";

export const apiKeyRole = z.enum(["read", "write", "admin"]);

export const createApiKeyInput = z.strictObject({
  name,
  role: apiKeyRole,
  expiresAt: isoDate
    .refine((v) => new Date(v).getTime() > Date.now(), "must be in the future")
    .optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const apiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: apiKeyRole,
  expiresAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
  lastUsedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
  revokedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
  createdAt: z.date().transform((d) => d.toISOString()),
});
