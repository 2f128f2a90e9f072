import { withWorkspace } from "@/lib/auth/workspace";
import { sendTestEvent } from "@/lib/services/webhooks/manage-webhooks";
import { webhookDeliveryOutput } from "@/lib/validation/webhook";

/** Queues a `webhook.test` delivery to the endpoint; its attempts appear in the delivery log. */
export const POST = withWorkspace<{ ws: string; id: string }>(
  async ({ ctx, params }) => Response.json(webhookDeliveryOutput.parse(await sendTestEvent({ ctx, id: params.id })), { status: 202 }),
  { permission: "webhooks.manage" },
);
