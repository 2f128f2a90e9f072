import type { Metadata } from "next";
import { DomainsPanel } from "@/components/sso/domains-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listDomains } from "@/lib/services/sso/domains";
import { domainView } from "@/lib/validation/sso";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "sso.manage");
  const domains = (await listDomains({ ctx })).map(domainView);
  return (
    <>
      <PageHeader title="Single sign-on" description="Your company's email domains and the identity provider your people sign in with." />
      <div className="space-y-6">
        <DomainsPanel workspace={workspace} domains={domains} />
      </div>
    </>
  );
}
