import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { WebhooksPanel } from "@/components/workspace/webhooks-panel";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listWebhooks } from "@/lib/services/webhooks/manage-webhooks";
import { webhookOutput } from "@/lib/validation/webhook";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "webhooks.manage");
  const webhooks = webhookOutput.array().parse(await listWebhooks({ ctx }));
  const events = Object.entries(WEBHOOK_EVENTS).map(([type, description]) => ({ type, description }));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Endpoints this workspace tells when its registers, gates and decisions change."
        actions={
          <Link href="/docs/api" className={buttonClass("secondary", "sm")}>
            API reference
          </Link>
        }
      />
      <WebhooksPanel workspace={workspace} webhooks={webhooks} events={events} />
    </>
  );
}
