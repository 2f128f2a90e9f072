"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { api, ApiError } from "@/lib/client/api";

interface Key {
  id: string;
  name: string;
  prefix: string;
  role: "read" | "write" | "admin";
  rateLimitPerMinute: number;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "Never");

export function ApiKeysPanel({ workspace, keys }: { workspace: string; keys: Key[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Key["role"]>("write");
  const [expires, setExpires] = useState("");
  const [perMinute, setPerMinute] = useState("600");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<{ name: string; key: string }>(`/api/v1/workspaces/${workspace}/api-keys`, {
        method: "POST",
        body: { name, role, rateLimitPerMinute: Number(perMinute), ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() } : {}) },
      }),
    onSuccess: (key) => {
      setCreated({ name: key.name, key: key.key });
      setName("");
      setExpires("");
      router.refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/workspaces/${workspace}/api-keys/${id}`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });
  const error = create.error instanceof ApiError ? create.error : null;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Create an API key" description="For CI jobs and scripts: send it as Authorization: Bearer <key>. Read keys only read; write keys edit like a member; admin keys manage like an admin." />
        <form
          className="grid gap-4 p-5 sm:grid-cols-[1fr_9rem_9rem_11rem_auto] sm:items-start"
          onSubmit={(event) => {
            event.preventDefault();
            setCreated(null);
            if (!create.isPending) create.mutate();
          }}
        >
          <Field label="Name" error={error?.fieldError("name")}>
            {(p) => <input {...p} className={inputClass} value={name} required maxLength={120} placeholder="GitHub Actions" onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Role" error={error?.fieldError("role")}>
            {(p) => (
              <select {...p} className={inputClass} value={role} onChange={(e) => setRole(e.target.value as Key["role"])}>
                <option value="read">Read</option>
                <option value="write">Write</option>
                <option value="admin">Admin</option>
              </select>
            )}
          </Field>
          <Field label="Requests / minute" error={error?.fieldError("rateLimitPerMinute")}>
            {(p) => <input {...p} type="number" inputMode="numeric" min={10} max={10000} step={1} required className={inputClass} value={perMinute} onChange={(e) => setPerMinute(e.target.value)} />}
          </Field>
          <Field label="Expires (optional)" error={error?.fieldError("expiresAt")}>
            {(p) => <input {...p} type="date" className={inputClass} value={expires} onChange={(e) => setExpires(e.target.value)} />}
          </Field>
          <Button type="submit" pending={create.isPending} className="sm:mt-6.5">Create key</Button>
          {create.error || created ? (
          <div className="sm:col-span-5">
            <FormError error={create.error} fields={["name", "role", "rateLimitPerMinute", "expiresAt"]} />
            {created ? (
              <OneTimeSecret
                title={`Key “${created.name}” created`}
                hint="Copy it now: Readyroom keeps only a hash and cannot show it again."
                value={created.key}
                copyLabel="Copy key"
                testId="api-key-secret"
              />
            ) : null}
          </div>
          ) : null}
        </form>
      </Card>

      <Card>
        <CardHeader title="Keys" />
        <FormError error={revoke.error} />
        {keys.length === 0 ? (
          <EmptyState icon={KeyRound} title="No API keys" description="Create one to let CI post check results to your release gates." />
        ) : (
          <div role="region" aria-label="API keys" tabIndex={0} className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">Name</th>
                  <th scope="col" className="px-3 py-2 font-medium">Key</th>
                  <th scope="col" className="px-3 py-2 font-medium">Role</th>
                  <th scope="col" className="px-3 py-2 font-medium">Limit</th>
                  <th scope="col" className="px-3 py-2 font-medium">Last used</th>
                  <th scope="col" className="px-3 py-2 font-medium">Expires</th>
                  <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {keys.map((key) => (
                  <tr key={key.id} className={key.revokedAt ? "opacity-60" : undefined}>
                    <td className="px-5 py-3 font-medium">{key.name}</td>
                    <td className="px-3 py-3 font-mono text-xs">{key.prefix}_…</td>
                    <td className="px-3 py-3"><Badge className="capitalize">{key.role}</Badge></td>
                    <td className="px-3 py-3 whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400">{key.rateLimitPerMinute.toLocaleString("en")} / min</td>
                    <td className="px-3 py-3 text-zinc-500 dark:text-zinc-400">{fmt(key.lastUsedAt)}</td>
                    <td className="px-3 py-3 text-zinc-500 dark:text-zinc-400">{key.expiresAt ? fmt(key.expiresAt) : "No expiry"}</td>
                    <td className="px-5 py-3 text-right">
                      {key.revokedAt ? (
                        <Badge>Revoked</Badge>
                      ) : (
                        <Button variant="ghost" size="sm" pending={revoke.isPending && revoke.variables === key.id} onClick={() => revoke.mutate(key.id)}>Revoke</Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
