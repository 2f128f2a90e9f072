import { z } from "zod";
import { timestamp } from "./common";

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
