import { z } from "zod";
import { email, role } from "./common";

export const INVITATION_TTL_DAYS = 7;

export const createInvitationInput = z.strictObject({ email, role });
export type CreateInvitationInput = z.infer<typeof createInvitationInput>;

export const invitationOutput = z.object({
  id: z.string(),
  email: z.string(),
  role,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.date().transform((d) => d.toISOString()),
  createdAt: z.date().transform((d) => d.toISOString()),
});

export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, "is not an invitation token");
