"use client";

import { useMutation } from "@tanstack/react-query";
import { MailPlus, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inlineSelectClass, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { api, ApiError } from "@/lib/client/api";

type Role = "owner" | "admin" | "member" | "viewer";

interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
}
interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: string;
}

interface Props {
  workspace: string;
  me: string;
  myRole: Role;
  members: Member[];
  invitations: Invitation[] | null;
  assignable: Role[];
}

const ROLE_LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member", viewer: "Viewer" };

const STATUS_TONE = { pending: "brand", accepted: "green", revoked: "neutral", expired: "amber" } as const;

function MemberRow({ workspace, member, me, assignable, canManage }: { workspace: string; member: Member; me: string; assignable: Role[]; canManage: boolean }) {
  const router = useRouter();
  const url = `/api/v1/workspaces/${workspace}/members/${member.userId}`;
  const change = useMutation({ mutationFn: (role: Role) => api(url, { method: "PATCH", body: { role } }), onSuccess: () => router.refresh() });
  const remove = useMutation({
    mutationFn: () => api(url, { method: "DELETE" }),
    onSuccess: () => (member.userId === me ? router.push("/") : router.refresh()),
  });
  const editable = canManage && (member.role !== "owner" || assignable.includes("owner"));
  const error = change.error ?? remove.error;
  return (
    <li className="px-5 py-3">
      <div className="flex flex-wrap items-center gap-3">
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold dark:bg-zinc-700">
          {(member.name ?? member.email).slice(0, 1).toUpperCase()}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium">
            {member.name ?? member.email} {member.userId === me ? <span className="text-zinc-500 dark:text-zinc-400">(you)</span> : null}
          </p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{member.email}</p>
        </div>
        {editable ? (
          <select
            aria-label={`Role of ${member.email}`}
            className={inlineSelectClass}
            value={member.role}
            disabled={change.isPending}
            onChange={(e) => change.mutate(e.target.value as Role)}
          >
            {(assignable.includes(member.role) ? assignable : [member.role, ...assignable]).map((r) => (
              <option key={r} value={r}>{ROLE_LABEL[r]}</option>
            ))}
          </select>
        ) : (
          <Badge className="capitalize">{member.role}</Badge>
        )}
        {editable || member.userId === me ? (
          <Button variant="ghost" size="sm" pending={remove.isPending} onClick={() => remove.mutate()} aria-label={member.userId === me ? "Leave workspace" : `Remove ${member.email}`}>
            <UserMinus aria-hidden className="size-4" /> {member.userId === me ? "Leave" : "Remove"}
          </Button>
        ) : null}
      </div>
      {error ? <div className="mt-2"><FormError error={error} /></div> : null}
    </li>
  );
}

export function MembersPanel({ workspace, me, members, invitations, assignable }: Props) {
  const router = useRouter();
  const canManage = invitations !== null;
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const invite = useMutation({
    mutationFn: () => api<{ acceptUrl: string; email: string }>(`/api/v1/workspaces/${workspace}/invitations`, { method: "POST", body: { email, role } }),
    onSuccess: (created) => {
      setLink({ email: created.email, url: created.acceptUrl });
      setEmail("");
      router.refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/workspaces/${workspace}/invitations/${id}`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });
  const inviteError = invite.error instanceof ApiError ? invite.error : null;

  return (
    <div className="space-y-6">
      {canManage ? (
        <Card>
          <CardHeader title="Invite people" description="An invitation link works once and expires after 7 days. Send it to the person yourself." />
          <form
            className="grid gap-4 p-5 sm:grid-cols-[1fr_10rem_auto] sm:items-start"
            onSubmit={(event) => {
              event.preventDefault();
              setLink(null);
              if (!invite.isPending) invite.mutate();
            }}
          >
            <Field label="Email" error={inviteError?.fieldError("email")}>
              {(p) => <input {...p} type="email" required className={inputClass} value={email} placeholder="name@company.com" onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <Field label="Role" error={inviteError?.fieldError("role")}>
              {(p) => (
                <select {...p} className={inputClass} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {assignable.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
                </select>
              )}
            </Field>
            <Button type="submit" pending={invite.isPending} className="sm:mt-6.5">
              <MailPlus aria-hidden className="size-4" /> Create invitation
            </Button>
            {invite.error || link ? (
            <div className="sm:col-span-3">
              <FormError error={invite.error} fields={["email", "role"]} />
              {link ? (
                <OneTimeSecret
                  title={`Invitation for ${link.email} created`}
                  hint="Copy the link now — it is shown only once."
                  value={link.url}
                  copyLabel="Copy link"
                  testId="invitation-link"
                />
              ) : null}
            </div>
            ) : null}
          </form>
        </Card>
      ) : null}

      <Card>
        <CardHeader title="Members" description={`${members.length} ${members.length === 1 ? "person" : "people"} in this workspace.`} />
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {members.map((member) => (
            <MemberRow key={member.userId} workspace={workspace} member={member} me={me} assignable={assignable} canManage={canManage} />
          ))}
        </ul>
      </Card>

      {canManage && invitations && invitations.length > 0 ? (
        <Card>
          <CardHeader title="Invitations" />
          <FormError error={revoke.error} />
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center gap-3 px-5 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{inv.email}</p>
                  <p className="text-xs capitalize text-zinc-500 dark:text-zinc-400">
                    {inv.role} · {inv.status === "pending" ? `expires ${new Date(inv.expiresAt).toLocaleDateString("en", { dateStyle: "medium" })}` : inv.status}
                  </p>
                </div>
                <Badge tone={STATUS_TONE[inv.status]} className="capitalize">{inv.status}</Badge>
                {inv.status === "pending" ? (
                  <Button variant="ghost" size="sm" pending={revoke.isPending && revoke.variables === inv.id} onClick={() => revoke.mutate(inv.id)}>Revoke</Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
