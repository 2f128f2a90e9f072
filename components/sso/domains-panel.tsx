"use client";

import { useMutation } from "@tanstack/react-query";
import { Globe } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Alert } from "@/components/ui/alert";
import { api, ApiError } from "@/lib/client/api";

export interface DomainRow {
  id: string;
  domain: string;
  status: "pending" | "verified";
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  lastCheckError: string | null;
  record: { type: "TXT"; name: string; value: string };
}

const when = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" });

/** Claim a domain, publish its TXT record, verify it; remove it behind a confirmation. */
export function DomainsPanel({ workspace, domains }: { workspace: string; domains: DomainRow[] }) {
  const router = useRouter();
  const base = `/api/v1/workspaces/${workspace}/domains`;
  const [domain, setDomain] = useState("");
  const [removing, setRemoving] = useState<DomainRow | null>(null);
  const claim = useMutation({
    mutationFn: () => api<DomainRow>(base, { method: "POST", body: { domain } }),
    onSuccess: () => {
      setDomain("");
      router.refresh();
    },
  });
  const verify = useMutation({
    mutationFn: (id: string) => api<DomainRow>(`${base}/${id}/verify`, { method: "POST" }),
    onSettled: () => router.refresh(),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`${base}/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setRemoving(null);
      router.refresh();
    },
  });
  const claimError = claim.error instanceof ApiError ? claim.error : null;

  return (
    <Card>
      <CardHeader
        title="Domains"
        description="Prove an email domain is yours with a DNS record. Only verified domains can be bound to an identity provider or let people join on their own, and a verified domain belongs to this workspace alone."
      />
      <form
        className="grid gap-3 border-b border-zinc-200 p-5 sm:grid-cols-[1fr_auto] sm:items-start dark:border-zinc-800"
        onSubmit={(event) => {
          event.preventDefault();
          if (!claim.isPending) claim.mutate();
        }}
      >
        <Field label="Email domain" hint="The part after @ in your people's addresses, such as acme.com." error={claimError?.fieldError("domain") ?? (claimError?.code === "conflict" ? claimError.message : undefined)}>
          {(p) => <input {...p} className={inputClass} value={domain} required maxLength={253} placeholder="acme.com" autoComplete="off" onChange={(e) => setDomain(e.target.value)} />}
        </Field>
        <Button type="submit" pending={claim.isPending} className="sm:mt-6.5">Add domain</Button>
        {claimError?.code !== "conflict" ? <div className="sm:col-span-2"><FormError error={claim.error} fields={["domain"]} /></div> : null}
      </form>
      {domains.length === 0 ? (
        <EmptyState icon={Globe} title="No domains yet" description="Add your company's email domain to start. You will get a TXT record to publish in its DNS." />
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Domains">
          {domains.map((row) => {
            const checking = verify.isPending && verify.variables === row.id;
            const failure = verify.error instanceof ApiError && verify.variables === row.id && !verify.isPending ? verify.error : null;
            return (
              <li key={row.id} className="space-y-3 px-5 py-4" data-testid={`domain-${row.domain}`}>
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div className="flex min-w-0 items-center gap-2">
                    <span className="truncate font-medium">{row.domain}</span>
                    {row.status === "verified" ? <Badge tone="green">Verified</Badge> : <Badge tone="amber">Pending verification</Badge>}
                  </div>
                  <div className="flex gap-2">
                    {row.status === "pending" ? (
                      <Button size="sm" pending={checking} onClick={() => !checking && verify.mutate(row.id)}>Verify</Button>
                    ) : null}
                    <Button size="sm" variant="ghost" onClick={() => { remove.reset(); setRemoving(row); }}>Remove</Button>
                  </div>
                </div>
                {row.status === "verified" && row.verifiedAt ? (
                  <p className="text-sm text-zinc-500 dark:text-zinc-400">Verified {when(row.verifiedAt)}. You may delete the TXT record now.</p>
                ) : (
                  <>
                    <p className="text-sm text-zinc-600 dark:text-zinc-300">Publish this TXT record in the DNS of {row.domain}, then select Verify.</p>
                    <dl className="grid gap-2 rounded-md bg-zinc-50 p-3 text-sm sm:grid-cols-[5rem_1fr_auto] sm:items-center dark:bg-zinc-950/40">
                      <dt className="text-zinc-500 dark:text-zinc-400">Name</dt>
                      <dd className="min-w-0 font-mono text-xs break-all">{row.record.name}</dd>
                      <dd><CopyButton value={row.record.name} label="Copy name" /></dd>
                      <dt className="text-zinc-500 dark:text-zinc-400">Value</dt>
                      <dd className="min-w-0 font-mono text-xs break-all">{row.record.value}</dd>
                      <dd><CopyButton value={row.record.value} label="Copy value" /></dd>
                    </dl>
                    {failure ? (
                      <Alert requestId={failure.status >= 500 ? failure.requestId : undefined}>{failure.message}</Alert>
                    ) : row.lastCheckError && row.lastCheckedAt ? (
                      <p className="text-sm text-zinc-500 dark:text-zinc-400">Last checked {when(row.lastCheckedAt)}: {row.lastCheckError}.</p>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Remove ${removing.domain}?` : "Remove domain?"}
        description={removing?.status === "verified" ? "People of this domain will no longer join on their own or sign in through the identity providers bound to it, and another workspace may claim it." : "The pending claim and its record are discarded."}
        confirmLabel="Remove domain"
        pending={remove.isPending || remove.isSuccess}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
      />
    </Card>
  );
}
