import { z } from "zod";
import { email, name, timestamp } from "./common";

export const ownerKind = z.enum(["member", "team", "vendor", "agent"]);

export const createOwnerInput = z.strictObject({
  name,
  kind: ownerKind.default("team"),
  /** Link to a member of the workspace (kind becomes "member"). */
  userId: z.string().min(1).max(64).nullable().optional(),
  email: email.nullable().optional(),
});
export type CreateOwnerInput = z.infer<typeof createOwnerInput>;

export const updateOwnerInput = z
  .strictObject({ name: name.optional(), kind: ownerKind.optional(), userId: z.string().min(1).max(64).nullable().optional(), email: email.nullable().optional() })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdateOwnerInput = z.infer<typeof updateOwnerInput>;

export const ownerOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: ownerKind,
  userId: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: timestamp,
});
