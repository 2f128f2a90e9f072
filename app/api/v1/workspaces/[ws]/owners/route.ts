import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createOwner, listOwners } from "@/lib/services/owners/owners";
import { createOwnerInput, ownerOutput } from "@/lib/validation/owner";

export const GET = withWorkspace(async ({ ctx }) => Response.json({ data: ownerOutput.array().parse(await listOwners({ ctx })) }), {
  permission: "items.read",
});

export const POST = withWorkspace(
  async ({ req, ctx }) => Response.json(ownerOutput.parse(await createOwner({ ctx, input: await readJson(req, createOwnerInput) })), { status: 201 }),
  { permission: "items.write" },
);
