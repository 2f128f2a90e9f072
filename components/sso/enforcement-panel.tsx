"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { api } from "@/lib/client/api";

interface Settings {
  enforced: boolean;
  enforceable: boolean;
  enforcedDomains: string[];
}

/** Require SSO for the domains of enabled connections; owners keep the break-glass path. */
export function EnforcementPanel({ workspace, settings, canEnforce }: { workspace: string; settings: Settings; canEnforce: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const save = useMutation({
    mutationFn: (enforced: boolean) => api(`/api/v1/workspaces/${workspace}/sso-settings`, { method: "PUT", body: { enforced } }),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const domains = settings.enforcedDomains.join(", ");

  return (
    <Card>
      <CardHeader
        title="Require single sign-on"
        description="People whose email is in a domain of an enabled identity provider can then sign in only through it."
        actions={settings.enforced ? <Badge tone="green">Required</Badge> : <Badge>Not required</Badge>}
      />
      <div className="space-y-3 p-5 text-sm">
        <FormError error={confirming ? null : save.error} />
        {settings.enforced ? (
          <p>Required for {domains || "no domain (no enabled provider is bound to one)"}. Other sign-in methods refuse these people and send them to “Continue with SSO”.</p>
        ) : settings.enforceable ? (
          <p>It would apply to {domains}.</p>
        ) : (
          <p className="text-zinc-500 dark:text-zinc-400">Add and enable an identity provider bound to a verified domain first.</p>
        )}
        <p className="text-zinc-500 dark:text-zinc-400">
          Break-glass: owners can always sign in with any method, so a broken identity provider cannot lock the workspace. Each such sign-in is recorded in the audit log as <code className="font-mono text-xs">sso.break_glass_sign_in</code>.
        </p>
        {canEnforce ? (
          <div className="flex justify-end">
            {settings.enforced ? (
              <Button variant="secondary" pending={save.isPending} onClick={() => !save.isPending && save.mutate(false)}>Stop requiring SSO</Button>
            ) : (
              <Button disabled={!settings.enforceable} onClick={() => { save.reset(); setConfirming(true); }}>Require SSO</Button>
            )}
          </div>
        ) : (
          <p className="text-zinc-500 dark:text-zinc-400">Only owners can require SSO.</p>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Require single sign-on?"
        description={`Members with an address at ${domains} are signed out now and sign in again through your identity provider. Owners stay signed in.`}
        confirmLabel="Require SSO"
        danger={false}
        pending={save.isPending || save.isSuccess}
        error={save.error}
        onConfirm={() => save.mutate(true)}
      />
    </Card>
  );
}
