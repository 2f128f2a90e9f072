import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { getPublicSettings, updatePublicSettings } from "@/lib/services/projects/public-settings";
import { publicSettingsInput, publicSettingsOutput } from "@/lib/validation/public-status";

type Params = { ws: string; project: string };

/** The project's public status page: published or not, its slug, what it shows, who may embed it. */
export const GET = withWorkspace<Params>(async ({ ctx, params }) => Response.json(publicSettingsOutput.parse(await getPublicSettings({ ctx, projectSlug: params.project }))), {
  permission: "projects.read",
});

/** Owners and admins publish: the whole settings object (a taken slug is 409). */
export const PUT = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    const input = await readJson(req, publicSettingsInput);
    return Response.json(publicSettingsOutput.parse(await updatePublicSettings({ ctx, projectSlug: params.project, input })));
  },
  { permission: "projects.publish" },
);
