import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { getSsoSettings, setSsoEnforcement } from "@/lib/services/sso/enforcement";
import { ssoSettingsInput, ssoSettingsOutput } from "@/lib/validation/sso";

export const GET = withWorkspace(async ({ ctx }) => Response.json(ssoSettingsOutput.parse(await getSsoSettings({ ctx }))), { permission: "sso.manage" });

export const PUT = withWorkspace(
  async ({ req, ctx }) => {
    const { enforced } = await readJson(req, ssoSettingsInput);
    return Response.json(ssoSettingsOutput.parse(await setSsoEnforcement({ ctx, enforced })));
  },
  { permission: "sso.manage" },
);
