import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { AcceptInvitation } from "@/components/workspace/accept-invitation";
import { currentCaller } from "@/lib/auth/caller";
import { NotFoundError } from "@/lib/errors";
import { previewInvitation } from "@/lib/services/invitations/accept-invitation";
import { invitationToken } from "@/lib/validation/invitation";
import { signOutAction } from "@/lib/auth/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = invitationToken.safeParse(token);
  const invitation = parsed.success
    ? await previewInvitation(parsed.data).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      })
    : null;

  if (!invitation) {
    return (
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight">Invitation not found</h1>
        <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">Check that you copied the whole link, or ask for a new invitation.</p>
      </Card>
    );
  }
  const caller = await currentCaller();
  const signedIn = caller?.type === "user" ? caller : null;

  return (
    <Card className="p-6 sm:p-8">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">You are invited to</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">{invitation.workspace.name}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
        as <span className="font-medium capitalize">{invitation.role}</span>, for <span className="font-medium">{invitation.email}</span>.
      </p>
      <div className="mt-6">
        {invitation.status !== "pending" ? (
          <Alert title={`This invitation is ${invitation.status}.`}>Ask an admin of {invitation.workspace.name} for a new one.</Alert>
        ) : !signedIn ? (
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className={buttonClass("primary", "md", "w-full")}>
            Sign in to accept
          </Link>
        ) : signedIn.email.toLowerCase() !== invitation.email ? (
          <div className="space-y-4">
            <Alert title="Signed in with another address">
              You are signed in as {signedIn.email}. Sign in as {invitation.email} to accept.
            </Alert>
            <form action={signOutAction}>
              <SubmitButton variant="secondary" className="w-full">Sign out</SubmitButton>
            </form>
          </div>
        ) : (
          <AcceptInvitation token={token} workspaceName={invitation.workspace.name} />
        )}
      </div>
    </Card>
  );
}
