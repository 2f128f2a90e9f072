import { operations } from "@/lib/api/openapi/operation";
import { claimDomainInput, createSsoConnectionInput, domainOutput, ssoConnectionOutput, updateSsoConnectionInput } from "@/lib/validation/sso";
import { list, noContent, segment, workspacePath, workspacePathWith } from "./params";

const W = "/api/v1/workspaces/{ws}";
const PEOPLE_ONLY = "Changed by people only: an API key gets 403.";

/** Enterprise sign-in: domains, identity-provider connections (docs/decisions/0019-enterprise-sso-plan.md). */
export const SSO_OPERATIONS = operations([
  { id: "listDomains", method: "get", path: `${W}/domains`, tag: "Single sign-on", summary: "Claimed email domains", description: "Verified first, each with the DNS record that proves it.", access: "sso.manage", params: workspacePath, success: { status: 200, description: "Domains.", schema: list(domainOutput) } },
  {
    id: "claimDomain",
    method: "post",
    path: `${W}/domains`,
    tag: "Single sign-on",
    summary: "Claim an email domain",
    description: `Returns the TXT record to publish at \`_readyroom-challenge.<domain>\`; the domain is the workspace's once it is verified. A domain another workspace has verified is 409. At most 20 per workspace. ${PEOPLE_ONLY}`,
    access: "sso.manage",
    params: workspacePath,
    body: claimDomainInput,
    success: { status: 201, description: "The pending domain and its record.", schema: domainOutput },
    errors: ["forbidden", "conflict"],
  },
  {
    id: "verifyDomain",
    method: "post",
    path: `${W}/domains/{id}/verify`,
    tag: "Single sign-on",
    summary: "Check a domain's DNS record now",
    description: `Verified when the TXT record is there (a domain already verified answers as it is). Not there yet is 422 saying what DNS showed; verified by another workspace first is 409. ${PEOPLE_ONLY}`,
    access: "sso.manage",
    params: workspacePathWith({ id: segment("The domain's id.") }),
    success: { status: 200, description: "The verified domain.", schema: domainOutput },
    errors: ["forbidden", "conflict"],
  },
  {
    id: "removeDomain",
    method: "delete",
    path: `${W}/domains/{id}`,
    tag: "Single sign-on",
    summary: "Remove a domain",
    description: `People of the domain no longer join on their own; another workspace may then claim it. ${PEOPLE_ONLY}`,
    access: "sso.manage",
    params: workspacePathWith({ id: segment("The domain's id.") }),
    success: noContent,
    errors: ["forbidden"],
  },
  { id: "listSsoConnections", method: "get", path: `${W}/sso-connections`, tag: "Single sign-on", summary: "Identity-provider connections", description: "Never their client secrets.", access: "sso.manage", params: workspacePath, success: { status: 200, description: "Connections.", schema: list(ssoConnectionOutput) } },
  {
    id: "createSsoConnection",
    method: "post",
    path: `${W}/sso-connections`,
    tag: "Single sign-on",
    summary: "Connect an identity provider",
    description: `OpenID Connect (\`protocol: "oidc"\`): Readyroom reads the issuer's discovery document before saving (422 naming \`issuer\` when it cannot); register \`<app>/api/auth/sso/oidc/callback\` as the redirect URI at the provider. SAML 2.0 (\`protocol: "saml"\`): send the IdP's metadata as \`metadataXml\` or \`metadataUrl\` (422 naming it when it has no HTTP-Redirect sign-on service or signing certificate); give the IdP the \`saml.serviceProvider\` values of the answer (assertions must be signed). Each domain must be verified by this workspace (422) and bound to no other connection (409). At most 10 per workspace. ${PEOPLE_ONLY}`,
    access: "sso.manage",
    params: workspacePath,
    body: createSsoConnectionInput,
    success: { status: 201, description: "The connection.", schema: ssoConnectionOutput },
    errors: ["forbidden", "conflict"],
  },
  { id: "getSsoConnection", method: "get", path: `${W}/sso-connections/{id}`, tag: "Single sign-on", summary: "A connection", access: "sso.manage", params: workspacePathWith({ id: segment("The connection's id.") }), success: { status: 200, description: "The connection.", schema: ssoConnectionOutput } },
  {
    id: "updateSsoConnection",
    method: "patch",
    path: `${W}/sso-connections/{id}`,
    tag: "Single sign-on",
    summary: "Change, disable or re-enable a connection",
    description: `A new issuer, client id or secret is checked against the discovery document again; new SAML metadata (a rotated certificate) is read again. ${PEOPLE_ONLY}`,
    access: "sso.manage",
    params: workspacePathWith({ id: segment("The connection's id.") }),
    body: updateSsoConnectionInput,
    success: { status: 200, description: "The connection.", schema: ssoConnectionOutput },
    errors: ["forbidden", "conflict"],
  },
  { id: "deleteSsoConnection", method: "delete", path: `${W}/sso-connections/{id}`, tag: "Single sign-on", summary: "Delete a connection", description: `Its people can no longer sign in through it; their accounts and memberships stay. ${PEOPLE_ONLY}`, access: "sso.manage", params: workspacePathWith({ id: segment("The connection's id.") }), success: noContent, errors: ["forbidden"] },
]);
