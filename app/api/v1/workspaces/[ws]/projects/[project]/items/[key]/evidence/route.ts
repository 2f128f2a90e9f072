import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { addEvidence, listEvidence } from "@/lib/services/items/item-evidence";
import { createEvidenceInput, evidenceOutput } from "@/lib/validation/item";

type Params = { ws: string; project: string; key: string };

export const GET = withWorkspace<Params>(
  async ({ ctx, params }) => Response.json({ data: evidenceOutput.array().parse(await listEvidence({ ctx, projectSlug: params.project, key: params.key })) }),
  { permission: "items.read" },
);

/** Evidence is append-only: there is no PATCH or DELETE. */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(evidenceOutput.parse(await addEvidence({ ctx, projectSlug: params.project, key: params.key, input: await readJson(req, createEvidenceInput) })), { status: 201 }),
  { permission: "items.write" },
);
