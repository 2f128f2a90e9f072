import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createScimToken, listScimTokens } from "@/lib/services/scim/tokens";
import { createdScimTokenOutput, createScimTokenInput, scimTokenOutput } from "@/lib/validation/sso";

export const GET = withWorkspace(async ({ ctx }) => Response.json({ data: scimTokenOutput.array().parse(await listScimTokens({ ctx })) }), { permission: "sso.manage" });

/** The token is in this response only. */
export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const { name } = await readJson(req, createScimTokenInput);
    const { row, token } = await createScimToken({ ctx, name });
    return Response.json(createdScimTokenOutput.parse({ ...row, token }), { status: 201 });
  },
  { permission: "sso.manage" },
);
