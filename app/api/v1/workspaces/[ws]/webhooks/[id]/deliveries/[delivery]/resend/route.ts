import { withWorkspace } from "@/lib/auth/workspace";
import { resendDelivery } from "@/lib/services/webhooks/manage-webhooks";
import { webhookDeliveryOutput } from "@/lib/validation/webhook";

/** Sends the delivery again with its original `webhook-id` and body. */
export const POST = withWorkspace<{ ws: string; id: string; delivery: string }>(
  async ({ ctx, params }) => Response.json(webhookDeliveryOutput.parse(await resendDelivery({ ctx, id: params.id, deliveryId: params.delivery })), { status: 202 }),
  { permission: "webhooks.manage" },
);
