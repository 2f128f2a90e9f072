import { withWorkspace } from "@/lib/auth/workspace";
import { readJson, readQuery } from "@/lib/http/body";
import { createSavedView, listSavedViews } from "@/lib/services/views/saved-views";
import { savedViewInput } from "@/lib/validation/item";
import { savedViewOutput, savedViewQuery } from "@/lib/validation/view";

type Params = { ws: string; project: string };

export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json({ data: savedViewOutput.array().parse(await listSavedViews({ ctx, projectSlug: params.project, surface: readQuery(req, savedViewQuery).surface })) }),
  { permission: "items.read" },
);

/** Viewers may save personal views too: a view changes nothing in the register. */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(savedViewOutput.parse(await createSavedView({ ctx, projectSlug: params.project, input: await readJson(req, savedViewInput) })), { status: 201 }),
  { permission: "items.read" },
);
