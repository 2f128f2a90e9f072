"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Bot, Building2, Contact, Pencil, Plus, Trash2, UserRound, Users, type LucideIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";

type OwnerKind = "member" | "team" | "vendor" | "agent";

interface Owner {
  id: string;
  name: string;
  kind: OwnerKind;
  userId: string | null;
  email: string | null;
  createdAt: string;
}

interface Member {
  userId: string;
  email: string;
  name: string | null;
}

interface Props {
  workspace: string;
  canEdit: boolean;
  owners: Owner[];
  members: Member[];
}

interface UpdateBody {
  name?: string;
  kind?: OwnerKind;
  userId?: string | null;
}

const KIND_LABEL: Record<OwnerKind, string> = { member: "Member", team: "Team", vendor: "Vendor", agent: "Agent" };
const KIND_TONE = { member: "brand", team: "blue", vendor: "amber", agent: "green" } as const;
const KIND_ICON: Record<OwnerKind, LucideIcon> = { member: UserRound, team: Users, vendor: Building2, agent: Bot };
/** The kinds a person picks; "member" comes from linking a member. */
const NAMED_KINDS = ["team", "vendor", "agent"] as const;
const FIELDS = ["name", "kind", "userId"];

const ownersUrl = (workspace: string, id?: string) => `/api/v1/workspaces/${workspace}/owners${id ? `/${id}` : ""}`;
const memberLabel = (member: Member) => (member.name ? `${member.name} (${member.email})` : member.email);

interface OwnerFieldsProps {
  /** The owner being edited, whose own link is not "taken". */
  self: Owner | null;
  owners: Owner[];
  members: Member[];
  error: ApiError | null;
  name: string;
  kind: OwnerKind;
  userId: string;
  onName: (name: string) => void;
  onKind: (kind: OwnerKind) => void;
  onUserId: (userId: string) => void;
}

/** Name, kind and linked member: the same three fields to add and to edit an owner. */
function OwnerFields({ self, owners, members, error, name, kind, userId, onName, onKind, onUserId }: OwnerFieldsProps) {
  const linkedTo = new Map(owners.filter((o) => o.userId && o.id !== self?.id).map((o) => [o.userId as string, o.name]));
  const sorted = [...members].sort((a, b) => memberLabel(a).localeCompare(memberLabel(b)));
  // A link to someone who has since left the workspace stays selectable, so the select shows the truth.
  const formerMember = self?.userId && !members.some((m) => m.userId === self.userId) ? self.userId : null;
  return (
    <>
      <Field label="Name" error={error?.fieldError("name")}>
        {(p) => <input {...p} className={inputClass} value={name} required maxLength={120} placeholder="Platform team" onChange={(e) => onName(e.target.value)} />}
      </Field>
      <Field label="Kind" hint={userId ? "Linked owners are members." : undefined} error={error?.fieldError("kind")}>
        {(p) => (
          <select {...p} className={inputClass} value={userId ? "member" : kind} disabled={Boolean(userId)} onChange={(e) => onKind(e.target.value as OwnerKind)}>
            {userId || kind === "member" ? <option value="member">{KIND_LABEL.member}</option> : null}
            {userId ? null : NAMED_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
          </select>
        )}
      </Field>
      <Field label="Linked member" hint="Optional. Linking makes this owner a member." error={error?.fieldError("userId")}>
        {(p) => (
          <select {...p} className={inputClass} value={userId} onChange={(e) => onUserId(e.target.value)}>
            <option value="">No linked member</option>
            {formerMember ? <option value={formerMember}>Former member (no longer in this workspace)</option> : null}
            {sorted.map((m) => {
              const taken = linkedTo.get(m.userId);
              return (
                <option key={m.userId} value={m.userId} disabled={taken !== undefined}>
                  {memberLabel(m)}{taken !== undefined ? ` — linked to ${taken}` : ""}
                </option>
              );
            })}
          </select>
        )}
      </Field>
    </>
  );
}

function AddOwnerForm({ workspace, owners, members, onChanged }: { workspace: string; owners: Owner[]; members: Member[]; onChanged: () => void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<OwnerKind>("team");
  const [userId, setUserId] = useState("");
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api<Owner>(ownersUrl(workspace), { method: "POST", body: userId ? { name, userId } : { name, kind } }),
    onSuccess: (owner) => {
      setAdded(owner.name);
      setName("");
      setKind("team");
      setUserId("");
      onChanged();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  return (
    <Card>
      <CardHeader title="Add an owner" description="A team, a vendor or an automated agent that has no account, or a member of this workspace." />
      <form
        className="grid gap-4 p-5 sm:grid-cols-[1fr_9rem_16rem_auto] sm:items-start"
        onSubmit={(event) => {
          event.preventDefault();
          setAdded(null);
          if (!create.isPending) create.mutate();
        }}
      >
        <OwnerFields
          self={null}
          owners={owners}
          members={members}
          error={error}
          name={name}
          kind={kind}
          userId={userId}
          onName={setName}
          onKind={setKind}
          onUserId={(next) => {
            setUserId(next);
            const member = members.find((m) => m.userId === next);
            if (member && !name.trim()) setName(member.name ?? member.email);
          }}
        />
        <Button type="submit" pending={create.isPending} className="sm:mt-6.5">
          <Plus aria-hidden className="size-4" /> Add owner
        </Button>
        {create.error || added ? (
          <div className="sm:col-span-4">
            <FormError error={create.error} fields={FIELDS} />
            {added && !create.error ? <Alert tone="success">Owner “{added}” added.</Alert> : null}
          </div>
        ) : null}
      </form>
    </Card>
  );
}

function EditOwnerForm({ workspace, owner, owners, members, onDone, onCancel }: { workspace: string; owner: Owner; owners: Owner[]; members: Member[]; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(owner.name);
  // Unlinking a member leaves a named owner: a team unless another kind is picked.
  const [kind, setKind] = useState<OwnerKind>(owner.userId && owner.kind === "member" ? "team" : owner.kind);
  const [userId, setUserId] = useState(owner.userId ?? "");
  const save = useMutation({
    mutationFn: (body: UpdateBody) => api<Owner>(ownersUrl(workspace, owner.id), { method: "PATCH", body }),
    onSuccess: onDone,
  });
  const error = save.error instanceof ApiError ? save.error : null;

  function changes(): UpdateBody {
    const body: UpdateBody = {};
    if (name.trim() !== owner.name) body.name = name;
    const nextUserId = userId || null;
    if (nextUserId !== owner.userId) body.userId = nextUserId;
    const nextKind = nextUserId ? "member" : kind;
    if (nextKind !== owner.kind) body.kind = nextKind;
    return body;
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (save.isPending) return;
        const body = changes();
        if (Object.keys(body).length === 0) onCancel();
        else save.mutate(body);
      }}
    >
      <FormError error={save.error} fields={FIELDS} />
      <OwnerFields
        self={owner}
        owners={owners}
        members={members}
        error={error}
        name={name}
        kind={kind}
        userId={userId}
        onName={setName}
        onKind={setKind}
        onUserId={setUserId}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
        <Button type="submit" pending={save.isPending}>Save changes</Button>
      </div>
    </form>
  );
}

function DeleteOwnerForm({ workspace, owner, onDone, onCancel }: { workspace: string; owner: Owner; onDone: () => void; onCancel: () => void }) {
  const remove = useMutation({
    mutationFn: () => api<void>(ownersUrl(workspace, owner.id), { method: "DELETE" }),
    onSuccess: onDone,
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!remove.isPending) remove.mutate();
      }}
    >
      <FormError error={remove.error} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="danger" pending={remove.isPending}>
          <Trash2 aria-hidden className="size-4" /> Delete owner
        </Button>
      </div>
    </form>
  );
}

function OwnerRow({ owner, member, canEdit, onEdit, onDelete }: { owner: Owner; member: Member | undefined; canEdit: boolean; onEdit: () => void; onDelete: () => void }) {
  const Icon = KIND_ICON[owner.kind];
  const detail = owner.userId ? (member ? member.email : "Linked account is no longer a member of this workspace") : owner.email;
  return (
    <li className="flex flex-wrap items-center gap-3 px-5 py-3">
      <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-100 dark:bg-zinc-800">
        <Icon className="size-4 text-zinc-500 dark:text-zinc-400" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">{owner.name}</p>
        {detail ? <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{detail}</p> : null}
      </div>
      <Badge tone={KIND_TONE[owner.kind]}>{KIND_LABEL[owner.kind]}</Badge>
      {canEdit ? (
        <div className="flex gap-1">
          <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${owner.name}`}>
            <Pencil aria-hidden className="size-4" /> Edit
          </Button>
          <Button variant="ghost" size="sm" onClick={onDelete} aria-label={`Delete ${owner.name}`}>
            <Trash2 aria-hidden className="size-4" /> Delete
          </Button>
        </div>
      ) : null}
    </li>
  );
}

export function OwnersPanel({ workspace, canEdit, owners, members }: Props) {
  const router = useRouter();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Owner | null>(null);
  const [deleting, setDeleting] = useState<Owner | null>(null);
  const membersById = new Map(members.map((m) => [m.userId, m]));

  // Owner pickers read the owners query, and items and phases show their owner's name.
  const changed = () => {
    void client.invalidateQueries({ queryKey: queryKeys.owners(workspace) });
    void client.invalidateQueries({ queryKey: ["project", workspace] });
    router.refresh();
  };

  return (
    <div className="space-y-6">
      {canEdit ? <AddOwnerForm workspace={workspace} owners={owners} members={members} onChanged={changed} /> : null}

      <Card>
        <CardHeader
          title="Owners"
          description={
            canEdit
              ? `${owners.length} ${owners.length === 1 ? "owner" : "owners"} in this workspace.`
              : "Only members who can edit items can add, change or delete owners."
          }
        />
        {owners.length === 0 ? (
          <EmptyState
            icon={Contact}
            title="No owners yet"
            description={
              canEdit
                ? "Add a team, a vendor or an agent, or link a member, to assign items and phases to it."
                : "Nobody has added owners to this workspace yet."
            }
          />
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {owners.map((owner) => (
              <OwnerRow
                key={owner.id}
                owner={owner}
                member={owner.userId ? membersById.get(owner.userId) : undefined}
                canEdit={canEdit}
                onEdit={() => setEditing(owner)}
                onDelete={() => setDeleting(owner)}
              />
            ))}
          </ul>
        )}
      </Card>

      {canEdit ? (
        <>
          <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.name}` : "Edit owner"}>
            {editing ? (
              <EditOwnerForm
                key={editing.id}
                workspace={workspace}
                owner={editing}
                owners={owners}
                members={members}
                onCancel={() => setEditing(null)}
                onDone={() => {
                  setEditing(null);
                  changed();
                }}
              />
            ) : null}
          </Dialog>
          <Dialog
            open={deleting !== null}
            onClose={() => setDeleting(null)}
            title={deleting ? `Delete ${deleting.name}?` : "Delete owner?"}
            description={deleting ? `Items and phases owned by ${deleting.name} become unassigned. This cannot be undone.` : undefined}
          >
            {deleting ? (
              <DeleteOwnerForm
                key={deleting.id}
                workspace={workspace}
                owner={deleting}
                onCancel={() => setDeleting(null)}
                onDone={() => {
                  setDeleting(null);
                  changed();
                }}
              />
            ) : null}
          </Dialog>
        </>
      ) : null}
    </div>
  );
}
