import type { Metadata } from "next";
import { ConnectionsPanel } from "@/components/sso/connections-panel";
import { DomainsPanel } from "@/components/sso/domains-panel";
import { EnforcementPanel } from "@/components/sso/enforcement-panel";
import { ScimPanel } from "@/components/sso/scim-panel";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { pageOrigin } from "@/lib/http/page-origin";
import { listConnections } from "@/lib/services/sso/connections";
import { listDomains } from "@/lib/services/sso/domains";
import { getSsoSettings } from "@/lib/services/sso/enforcement";
import { listGroupsForAdmin } from "@/lib/services/scim/groups";
import { listScimTokens } from "@/lib/services/scim/tokens";
import { oidcRedirectUri } from "@/lib/sso/login";
import { connectionView, domainView, scimGroupView, scimTokenOutput } from "@/lib/validation/sso";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "sso.manage");
  const [domains, connections, settings, tokens, groups, origin] = await Promise.all([
    listDomains({ ctx }),
    listConnections({ ctx }),
    getSsoSettings({ ctx }),
    listScimTokens({ ctx }),
    listGroupsForAdmin({ ctx }),
    pageOrigin(),
  ]);
  return (
    <>
      <PageHeader title="Single sign-on" description="Your company's email domains and the identity provider your people sign in with." />
      <div className="space-y-6">
        <DomainsPanel workspace={workspace} domains={domains.map(domainView)} />
        <ConnectionsPanel
          workspace={workspace}
          connections={connections.map((row) => connectionView(row, origin))}
          verifiedDomains={domains.filter((d) => d.verifiedAt).map((d) => d.domain)}
          redirectUri={oidcRedirectUri(origin)}
        />
        <EnforcementPanel workspace={workspace} settings={settings} canEnforce={can(ctx.member.role, "sso.enforce")} />
        <ScimPanel workspace={workspace} baseUrl={`${origin}/api/scim/v2`} tokens={scimTokenOutput.array().parse(tokens)} groups={groups.map(scimGroupView)} />
      </div>
    </>
  );
}
