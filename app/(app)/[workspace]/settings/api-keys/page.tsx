import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { ApiKeysPanel } from "@/components/workspace/api-keys-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listApiKeys } from "@/lib/services/api-keys/list-api-keys";
import { apiKeyOutput } from "@/lib/validation/api-key";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "apiKeys.manage");
  const keys = apiKeyOutput.array().parse(await listApiKeys({ ctx }));
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys belong to this workspace and act with the role you give them."
        actions={
          <Link href="/docs/api" className={buttonClass("secondary", "sm")}>
            API reference
          </Link>
        }
      />
      <ApiKeysPanel workspace={workspace} keys={keys} />
    </>
  );
}
