import { withWorkspace } from "@/lib/auth/workspace";
import { listDeliveries } from "@/lib/services/webhooks/manage-webhooks";
import { webhookDeliveryOutput } from "@/lib/validation/webhook";

export const GET = withWorkspace<{ ws: string; id: string }>(
  async ({ ctx, params }) => Response.json({ data: webhookDeliveryOutput.array().parse(await listDeliveries({ ctx, id: params.id })) }),
  { permission: "webhooks.manage" },
);
