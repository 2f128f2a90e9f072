import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createWebhook, listWebhooks } from "@/lib/services/webhooks/manage-webhooks";
import { createdWebhookOutput, createWebhookInput, webhookOutput } from "@/lib/validation/webhook";

export const GET = withWorkspace(async ({ ctx }) => Response.json({ data: webhookOutput.array().parse(await listWebhooks({ ctx })) }), { permission: "webhooks.manage" });

/** The signing secret is in this response only. */
export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const { webhook, secret } = await createWebhook({ ctx, input: await readJson(req, createWebhookInput) });
    return Response.json(createdWebhookOutput.parse({ ...webhook, secret }), { status: 201 });
  },
  { permission: "webhooks.manage" },
);
