import { z } from "zod";
import { email, role, timestamp } from "./common";

export const INVITATION_TTL_DAYS = 7;

export const createInvitationInput = z.strictObject({ email, role });
export type CreateInvitationInput = z.infer<typeof createInvitationInput>;

export const invitationOutput = z.object({
  id: z.string(),
  email: z.string(),
  role,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: timestamp,
  createdAt: timestamp,
});

/** The create response: the invitation and its accept link, shown this once. */
export const createdInvitationOutput = invitationOutput.extend({ acceptUrl: z.url() });

export const acceptedInvitationOutput = z.object({
  workspace: z.object({ slug: z.string(), name: z.string() }),
  role,
  status: z.enum(["joined", "already_member"]),
});

export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, "is not an invitation token");
