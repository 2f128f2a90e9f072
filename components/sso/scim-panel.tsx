"use client";

import { useMutation } from "@tanstack/react-query";
import { UsersRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inlineSelectClass, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { api, ApiError } from "@/lib/client/api";

interface Token {
  id: string;
  name: string;
  prefix: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface Group {
  id: string;
  displayName: string;
  role: "admin" | "member" | "viewer" | null;
  members: number;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "Never");

/** SCIM provisioning: the endpoint and tokens for the IdP, and which role each pushed group gives. */
export function ScimPanel({ workspace, baseUrl, tokens, groups }: { workspace: string; baseUrl: string; tokens: Token[]; groups: Group[] }) {
  const router = useRouter();
  const api1 = `/api/v1/workspaces/${workspace}`;
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ name: string; token: string }>(`${api1}/scim-tokens`, { method: "POST", body: { name } }),
    onSuccess: (token) => {
      setCreated({ name: token.name, token: token.token });
      setName("");
      router.refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => api(`${api1}/scim-tokens/${id}`, { method: "DELETE" }), onSuccess: () => router.refresh() });
  const map = useMutation({
    mutationFn: ({ id, role }: { id: string; role: Group["role"] }) => api(`${api1}/scim-groups/${id}`, { method: "PATCH", body: { role } }),
    onSuccess: () => router.refresh(),
  });
  const error = create.error instanceof ApiError ? create.error : null;

  return (
    <Card>
      <CardHeader title="User provisioning (SCIM 2.0)" description="Let Okta or Microsoft Entra ID create, update and deactivate your people. A deactivated person loses access at once." />
      <div className="space-y-4 border-b border-zinc-200 p-5 dark:border-zinc-800">
        <dl>
          <div className="grid gap-1 sm:grid-cols-[10rem_1fr_auto] sm:items-center sm:gap-3">
            <dt className="text-sm text-zinc-500 dark:text-zinc-400">SCIM base URL</dt>
            <dd className="min-w-0 font-mono text-xs break-all">{baseUrl}</dd>
            <dd><CopyButton value={baseUrl} label="Copy" /></dd>
          </div>
        </dl>
        <form
          className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start"
          onSubmit={(event) => {
            event.preventDefault();
            setCreated(null);
            if (!create.isPending) create.mutate();
          }}
        >
          <Field label="Token name" hint="Where it is used, such as Okta provisioning." error={error?.fieldError("name")}>
            {(p) => <input {...p} className={inputClass} value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Button type="submit" pending={create.isPending} className="sm:mt-6.5">Create SCIM token</Button>
          {create.error || created ? (
            <div className="sm:col-span-2">
              <FormError error={create.error} fields={["name"]} />
              {created ? <OneTimeSecret title={`Token “${created.name}” created`} hint="Paste it into your identity provider's provisioning settings now: Readyroom keeps only a hash." value={created.token} copyLabel="Copy token" testId="scim-token" /> : null}
            </div>
          ) : null}
        </form>
        <FormError error={revoke.error} />
        {tokens.length ? (
          <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="SCIM tokens">
            {tokens.map((t) => (
              <li key={t.id} className={`flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm ${t.revokedAt ? "opacity-60" : ""}`}>
                <span className="font-medium">{t.name}</span>
                <span className="font-mono text-xs">{t.prefix}_…</span>
                <span className="text-zinc-500 dark:text-zinc-400">Last used: {when(t.lastUsedAt)}</span>
                {t.revokedAt ? <Badge>Revoked</Badge> : <Button size="sm" variant="ghost" pending={revoke.isPending && revoke.variables === t.id} onClick={() => !revoke.isPending && revoke.mutate(t.id)}>Revoke</Button>}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="p-5">
        <h3 className="mb-1 text-sm font-medium">Groups and roles</h3>
        <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">Each provisioned person gets the highest role of their groups; without a mapped group, the default role of your identity provider. Owners keep their role.</p>
        <FormError error={map.error} />
        {groups.length === 0 ? (
          <EmptyState icon={UsersRound} title="No groups pushed yet" description="Assign groups to the Readyroom app in your identity provider and push them." />
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="SCIM groups">
            {groups.map((g) => (
              <li key={g.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <span>
                  <span className="font-medium">{g.displayName}</span> <span className="text-zinc-500 dark:text-zinc-400">· {g.members === 1 ? "1 person" : `${g.members} people`}</span>
                </span>
                <label className="flex items-center gap-2">
                  <span className="sr-only">Role for {g.displayName}</span>
                  <select className={inlineSelectClass} value={g.role ?? ""} disabled={map.isPending} onChange={(e) => map.mutate({ id: g.id, role: (e.target.value || null) as Group["role"] })}>
                    <option value="">No role</option>
                    <option value="viewer">Viewer</option>
                    <option value="member">Member</option>
                    <option value="admin">Admin</option>
                  </select>
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
