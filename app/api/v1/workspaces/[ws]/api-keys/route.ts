import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { listApiKeys } from "@/lib/services/api-keys/list-api-keys";
import { apiKeyOutput, createApiKeyInput, createdApiKeyOutput } from "@/lib/validation/api-key";

export const GET = withWorkspace(
  async ({ ctx }) => Response.json({ data: apiKeyOutput.array().parse(await listApiKeys({ ctx })) }),
  { permission: "apiKeys.manage" },
);

/** The secret is in this response only. */
export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, createApiKeyInput);
    const { apiKey, key } = await createApiKey({ ctx, input });
    return Response.json(createdApiKeyOutput.parse({ ...apiKey, key }), { status: 201 });
  },
  { permission: "apiKeys.manage" },
);
