"use client";

import { useMutation } from "@tanstack/react-query";
import { KeySquare } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

export interface ConnectionRow {
  id: string;
  protocol: "oidc" | "saml";
  name: string;
  enabled: boolean;
  domains: string[];
  defaultRole: "admin" | "member" | "viewer";
  oidc: { issuer: string; clientId: string; clientSecretSet: boolean } | null;
  saml: { idpEntityId: string; idpSsoUrl: string; metadataUrl: string | null; certificates: number; serviceProvider: { entityId: string; acsUrl: string; metadataUrl: string } } | null;
}

type Editing = { mode: "create" } | { mode: "edit"; connection: ConnectionRow };

const ROLE_LABEL = { admin: "Admin", member: "Member", viewer: "Viewer" } as const;

/** Values to give the identity provider, with copy buttons. */
function SetupValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[10rem_1fr_auto] sm:items-center sm:gap-3">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 font-mono text-xs break-all">{value}</dd>
      <dd><CopyButton value={value} label="Copy" /></dd>
    </div>
  );
}

export function ConnectionsPanel({ workspace, connections, verifiedDomains, redirectUri }: { workspace: string; connections: ConnectionRow[]; verifiedDomains: string[]; redirectUri: string }) {
  const router = useRouter();
  const base = `/api/v1/workspaces/${workspace}/sso-connections`;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ConnectionRow | null>(null);
  const toggle = useMutation({
    mutationFn: (c: ConnectionRow) => api(`${base}/${c.id}`, { method: "PATCH", body: { enabled: !c.enabled } }),
    onSuccess: () => router.refresh(),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`${base}/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setDeleting(null);
      router.refresh();
    },
  });

  return (
    <Card>
      <CardHeader
        title="Identity providers"
        description="People whose email is in a bound domain sign in with “Continue with SSO” and land in this workspace; their first sign-in creates their account and membership."
        actions={
          <Button size="sm" disabled={verifiedDomains.length === 0} onClick={() => setEditing({ mode: "create" })}>
            Add identity provider
          </Button>
        }
      />
      <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <h3 className="mb-2 text-sm font-medium">For an OpenID Connect provider</h3>
        <dl className="space-y-2">
          <SetupValue label="Redirect URI" value={redirectUri} />
          <SetupValue label="Scopes" value="openid email profile" />
        </dl>
        <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">A SAML provider gets its own ACS URL and entity ID once you add it. It must sign its assertions and send the email as NameID or an email attribute.</p>
      </div>
      <FormError error={toggle.error} />
      {connections.length === 0 ? (
        <EmptyState
          icon={KeySquare}
          title="No identity provider yet"
          description={verifiedDomains.length === 0 ? "Verify a domain first: a connection signs in the people of its verified domains." : "Connect Okta, Microsoft Entra ID or any OpenID Connect or SAML 2.0 provider."}
        />
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Identity providers">
          {connections.map((c) => (
            <li key={c.id} className="space-y-3 px-5 py-4" data-testid={`connection-${c.name}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{c.name}</span>
                    <Badge tone="blue">{c.protocol === "oidc" ? "OpenID Connect" : "SAML 2.0"}</Badge>
                    {c.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
                  </div>
                  {c.oidc ? <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">{c.oidc.issuer} · client {c.oidc.clientId}</p> : null}
                  {c.saml ? <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">{c.saml.idpEntityId} · {c.saml.certificates === 1 ? "1 signing certificate" : `${c.saml.certificates} signing certificates`}</p> : null}
                  <p className="text-sm text-zinc-600 dark:text-zinc-300">
                    {c.domains.length ? c.domains.join(", ") : "No domain bound: nobody signs in here"} · new people join as {ROLE_LABEL[c.defaultRole].toLowerCase()}s
                  </p>
                </div>
                <div className="flex gap-2">
                  <Button size="sm" variant="secondary" onClick={() => setEditing({ mode: "edit", connection: c })}>Edit</Button>
                  <Button size="sm" variant="secondary" pending={toggle.isPending && toggle.variables?.id === c.id} onClick={() => !toggle.isPending && toggle.mutate(c)}>
                    {c.enabled ? "Disable" : "Enable"}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => { remove.reset(); setDeleting(c); }}>Delete</Button>
                </div>
              </div>
              {c.saml ? (
                <dl className="space-y-2 rounded-md bg-zinc-50 p-3 dark:bg-zinc-950/40" aria-label={`For ${c.name}`}>
                  <SetupValue label="ACS URL" value={c.saml.serviceProvider.acsUrl} />
                  <SetupValue label="Entity ID (audience)" value={c.saml.serviceProvider.entityId} />
                  <SetupValue label="SP metadata" value={c.saml.serviceProvider.metadataUrl} />
                </dl>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <ConnectionDialog
          key={editing.mode === "edit" ? editing.connection.id : "new"}
          base={base}
          editing={editing}
          verifiedDomains={verifiedDomains}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            router.refresh();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Delete ${deleting.name}?` : "Delete connection?"}
        description="Its people can no longer sign in through it. Their accounts and memberships stay."
        confirmLabel="Delete connection"
        pending={remove.isPending || remove.isSuccess}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      />
    </Card>
  );
}

function ConnectionDialog({ base, editing, verifiedDomains, onClose, onSaved }: { base: string; editing: Editing; verifiedDomains: string[]; onClose: () => void; onSaved: () => void }) {
  const current = editing.mode === "edit" ? editing.connection : null;
  const [protocol, setProtocol] = useState<ConnectionRow["protocol"]>(current?.protocol ?? "oidc");
  const [metadataSource, setMetadataSource] = useState<"url" | "xml">(current?.saml?.metadataUrl || !current ? "url" : "xml");
  const [metadataUrl, setMetadataUrl] = useState(current?.saml?.metadataUrl ?? "");
  const [metadataXml, setMetadataXml] = useState("");
  const [name, setName] = useState(current?.name ?? "");
  const [issuer, setIssuer] = useState(current?.oidc?.issuer ?? "");
  const [clientId, setClientId] = useState(current?.oidc?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [domains, setDomains] = useState<string[]>(current?.domains ?? (verifiedDomains.length === 1 ? verifiedDomains : []));
  const [defaultRole, setDefaultRole] = useState<ConnectionRow["defaultRole"]>(current?.defaultRole ?? "member");
  const choices = [...new Set([...verifiedDomains, ...domains])];
  const save = useMutation({
    mutationFn: () => {
      const metadata = metadataSource === "url" ? { metadataUrl } : { metadataXml };
      if (!current) {
        const fields = protocol === "oidc" ? { issuer, clientId, clientSecret } : metadata;
        return api(base, { method: "POST", body: { protocol, name, ...fields, domains, defaultRole } });
      }
      const body: Record<string, unknown> = { name, domains, defaultRole };
      if (protocol === "oidc") {
        if (issuer !== current.oidc?.issuer) body.issuer = issuer;
        if (clientId !== current.oidc?.clientId) body.clientId = clientId;
        if (clientSecret) body.clientSecret = clientSecret;
      } else if ((metadataSource === "url" && metadataUrl && metadataUrl !== current.saml?.metadataUrl) || (metadataSource === "xml" && metadataXml)) {
        Object.assign(body, metadata);
      }
      return api(`${base}/${current.id}`, { method: "PATCH", body });
    },
    onSuccess: onSaved,
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const domainsError = error?.fieldError("domains") ?? (error && Array.isArray(error.details) ? (error.details as { path: string; message: string }[]).find((d) => d.path.startsWith("domains."))?.message : undefined);

  return (
    <Dialog
      open
      onClose={onClose}
      title={current ? `Edit ${current.name}` : "Add an identity provider"}
      description={current ? undefined : protocol === "oidc" ? "Create an app (web, authorization code) at your provider with the redirect URI above, then enter what it gives you." : "Give Readyroom your IdP's metadata; once added, the connection shows the ACS URL and entity ID to enter at your IdP."}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending) save.mutate();
        }}
      >
        <FormError error={save.error} fields={["name", "issuer", "clientId", "clientSecret", "metadataUrl", "metadataXml", "domains", "defaultRole"]} />
        {!current ? (
          <fieldset className="flex gap-4 text-sm">
            <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Protocol</legend>
            {(["oidc", "saml"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="protocol" className="size-4 accent-brand-600" checked={protocol === value} onChange={() => setProtocol(value)} />
                {value === "oidc" ? "OpenID Connect" : "SAML 2.0"}
              </label>
            ))}
          </fieldset>
        ) : null}
        <Field label="Name" hint="Shown to admins, such as Okta or Entra ID." error={error?.fieldError("name")}>
          {(p) => <input {...p} className={inputClass} value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} />}
        </Field>
        {protocol === "oidc" ? (
          <>
            <Field label="Issuer URL" hint="Readyroom reads its /.well-known/openid-configuration." error={error?.fieldError("issuer")}>
              {(p) => <input {...p} className={inputClass} type="url" value={issuer} required placeholder="https://acme.okta.com" onChange={(e) => setIssuer(e.target.value)} />}
            </Field>
            <Field label="Client ID" error={error?.fieldError("clientId")}>
              {(p) => <input {...p} className={inputClass} value={clientId} required autoComplete="off" onChange={(e) => setClientId(e.target.value)} />}
            </Field>
            <Field label="Client secret" hint={current ? "Leave empty to keep the current secret." : "Stored encrypted; it is never shown again."} error={error?.fieldError("clientSecret")}>
              {(p) => <input {...p} className={inputClass} type="password" value={clientSecret} required={!current} autoComplete="new-password" onChange={(e) => setClientSecret(e.target.value)} />}
            </Field>
          </>
        ) : (
          <>
            <fieldset className="flex gap-4 text-sm">
              <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">IdP metadata</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="metadata-source" className="size-4 accent-brand-600" checked={metadataSource === "url"} onChange={() => setMetadataSource("url")} /> From a URL
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="metadata-source" className="size-4 accent-brand-600" checked={metadataSource === "xml"} onChange={() => setMetadataSource("xml")} /> Paste XML
              </label>
            </fieldset>
            {metadataSource === "url" ? (
              <Field label="Metadata URL" hint={current ? "Change it, or save it unchanged to keep what was read." : "Readyroom reads it once, when you save."} error={error?.fieldError("metadataUrl")}>
                {(p) => <input {...p} className={inputClass} type="url" value={metadataUrl} required={!current} placeholder="https://login.microsoftonline.com/…/federationmetadata.xml" onChange={(e) => setMetadataUrl(e.target.value)} />}
              </Field>
            ) : (
              <Field label="Metadata XML" hint={current ? "Paste new metadata to replace the IdP's settings and certificates; leave empty to keep them." : undefined} error={error?.fieldError("metadataXml")}>
                {(p) => <textarea {...p} className={`${inputClass} h-32 font-mono text-xs`} value={metadataXml} required={!current} onChange={(e) => setMetadataXml(e.target.value)} />}
              </Field>
            )}
          </>
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Domains</legend>
          {choices.map((domain) => (
            <label key={domain} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 rounded border-zinc-300 accent-brand-600"
                checked={domains.includes(domain)}
                onChange={(e) => setDomains((list) => (e.target.checked ? [...list, domain] : list.filter((d) => d !== domain)))}
              />
              {domain}
            </label>
          ))}
          {domainsError ? <p className="text-xs font-medium text-red-600 dark:text-red-400">{domainsError}</p> : null}
        </fieldset>
        <Field label="Role on first sign-in" error={error?.fieldError("defaultRole")}>
          {(p) => (
            <select {...p} className={inputClass} value={defaultRole} onChange={(e) => setDefaultRole(e.target.value as ConnectionRow["defaultRole"])}>
              <option value="viewer">Viewer</option>
              <option value="member">Member</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
          <Button type="submit" pending={save.isPending}>{current ? "Save changes" : "Add provider"}</Button>
        </div>
      </form>
    </Dialog>
  );
}
