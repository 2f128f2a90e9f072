import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/services/webhooks/manage-webhooks";
import { updateWebhookInput, webhookOutput } from "@/lib/validation/webhook";

type Params = { ws: string; id: string };

export const GET = withWorkspace<Params>(async ({ ctx, params }) => Response.json(webhookOutput.parse(await getWebhook({ ctx, id: params.id }))), { permission: "webhooks.manage" });

export const PATCH = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(webhookOutput.parse(await updateWebhook({ ctx, id: params.id, input: await readJson(req, updateWebhookInput) }))),
  { permission: "webhooks.manage" },
);

export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deleteWebhook({ ctx, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "webhooks.manage" },
);
