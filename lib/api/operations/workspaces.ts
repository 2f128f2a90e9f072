import { z } from "zod";
import { operations } from "@/lib/api/openapi/operation";
import { AUDIT_EXPORT_ROW_LIMIT } from "@/lib/domain/audit/audit-csv";
import { apiKeyOutput, createApiKeyInput, createdApiKeyOutput } from "@/lib/validation/api-key";
import { auditEventFilterQuery, auditEventOutput, listAuditEventsQuery } from "@/lib/validation/audit";
import { acceptedInvitationOutput, createdInvitationOutput, createInvitationInput, invitationOutput } from "@/lib/validation/invitation";
import { meOutput } from "@/lib/validation/me";
import { createdWebhookOutput, createWebhookInput, updateWebhookInput, webhookDeliveryOutput, webhookOutput } from "@/lib/validation/webhook";
import { createOwnerInput, ownerOutput, updateOwnerInput } from "@/lib/validation/owner";
import { addMemberInput, createWorkspaceInput, memberOutput, updateMemberInput, updateWorkspaceInput, workspaceOutput, workspaceSummaryOutput, workspaceWithRoleOutput } from "@/lib/validation/workspace";
import { list, noContent, segment, workspacePath, workspacePathWith } from "./params";

const W = "/api/v1/workspaces/{ws}";

const AUDIT_FILTER_TEXT =
  "Filters, each optional, narrow together: `actor` (a user id, `api-key:<id>`, `api-key` for any key, or `system`), `action` (exact, or a prefix ending in a dot such as `item.`), `targetType` and, with it, `targetId` (exact), and `from` (inclusive) / `to` (exclusive), ISO 8601 instants. A malformed value, an unknown parameter, `targetId` without `targetType`, or `from` after `to` is 422 naming the parameter.";

export const ACCOUNT_OPERATIONS = operations([
  { id: "getMe", method: "get", path: "/api/v1/me", tag: "Account", summary: "The signed-in user and their workspaces", access: "signed-in", success: { status: 200, description: "The user.", schema: meOutput } },
  {
    id: "acceptInvitation",
    method: "post",
    path: "/api/v1/invitations/{token}",
    tag: "Account",
    summary: "Accept an invitation",
    description: "For the signed-in user whose email the invitation names. A used or expired invitation is 410.",
    access: "signed-in",
    params: z.object({ token: segment("The token from the accept link.") }),
    success: { status: 200, description: "The workspace joined.", schema: acceptedInvitationOutput },
    errors: ["forbidden", "gone", "validation_failed"],
  },
]);

export const WORKSPACE_OPERATIONS = operations([
  { id: "listWorkspaces", method: "get", path: "/api/v1/workspaces", tag: "Workspaces", summary: "The caller's workspaces", access: "signed-in", success: { status: 200, description: "Workspaces with the caller's role.", schema: list(workspaceSummaryOutput) } },
  { id: "createWorkspace", method: "post", path: "/api/v1/workspaces", tag: "Workspaces", summary: "Create a workspace", description: "The caller becomes its owner.", access: "signed-in", body: createWorkspaceInput, success: { status: 201, description: "The workspace.", schema: workspaceOutput }, errors: ["conflict"] },
  { id: "getWorkspace", method: "get", path: W, tag: "Workspaces", summary: "A workspace", access: "workspace.read", params: workspacePath, success: { status: 200, description: "The workspace and the caller's role.", schema: workspaceWithRoleOutput } },
  { id: "updateWorkspace", method: "patch", path: W, tag: "Workspaces", summary: "Rename a workspace or change its allowed domains", access: "workspace.update", params: workspacePath, body: updateWorkspaceInput, success: { status: 200, description: "The workspace.", schema: workspaceOutput } },
  { id: "deleteWorkspace", method: "delete", path: W, tag: "Workspaces", summary: "Delete a workspace and everything in it", access: "workspace.delete", params: workspacePath, success: noContent },
  { id: "listMembers", method: "get", path: `${W}/members`, tag: "Workspaces", summary: "Members", access: "members.read", params: workspacePath, success: { status: 200, description: "Members with their roles.", schema: list(memberOutput) } },
  { id: "addMember", method: "post", path: `${W}/members`, tag: "Workspaces", summary: "Add a user who has signed in before", access: "members.manage", params: workspacePath, body: addMemberInput, success: { status: 201, description: "The membership.", schema: memberOutput }, errors: ["conflict"] },
  {
    id: "updateMember",
    method: "patch",
    path: `${W}/members/{userId}`,
    tag: "Workspaces",
    summary: "Change a member's role",
    description: "The last owner cannot be demoted (409).",
    access: "members.manage",
    params: workspacePathWith({ userId: segment("The member's user id.") }),
    body: updateMemberInput,
    success: { status: 200, description: "The membership.", schema: memberOutput },
    errors: ["conflict"],
  },
  {
    id: "removeMember",
    method: "delete",
    path: `${W}/members/{userId}`,
    tag: "Workspaces",
    summary: "Remove a member, or leave",
    description: "Admins remove anyone but the last owner; every member may remove themselves.",
    access: "members.read",
    params: workspacePathWith({ userId: segment("The member's user id.") }),
    success: noContent,
    errors: ["forbidden", "conflict"],
  },
  { id: "listInvitations", method: "get", path: `${W}/invitations`, tag: "Workspaces", summary: "Pending invitations", access: "invitations.manage", params: workspacePath, success: { status: 200, description: "Invitations.", schema: list(invitationOutput) } },
  {
    id: "createInvitation",
    method: "post",
    path: `${W}/invitations`,
    tag: "Workspaces",
    summary: "Invite someone by email",
    description: "The accept link is in this response only; it works once, for 7 days.",
    access: "invitations.manage",
    params: workspacePath,
    body: createInvitationInput,
    success: { status: 201, description: "The invitation and its link.", schema: createdInvitationOutput },
    errors: ["conflict"],
  },
  { id: "revokeInvitation", method: "delete", path: `${W}/invitations/{id}`, tag: "Workspaces", summary: "Revoke an invitation", access: "invitations.manage", params: workspacePathWith({ id: segment("The invitation's id.") }), success: noContent },
  { id: "listOwners", method: "get", path: `${W}/owners`, tag: "Workspaces", summary: "Owners items can be assigned to", description: "Members, teams, vendors and agents.", access: "items.read", params: workspacePath, success: { status: 200, description: "Owners.", schema: list(ownerOutput) } },
  { id: "createOwner", method: "post", path: `${W}/owners`, tag: "Workspaces", summary: "Add an owner", access: "items.write", params: workspacePath, body: createOwnerInput, success: { status: 201, description: "The owner.", schema: ownerOutput }, errors: ["conflict"] },
  { id: "updateOwner", method: "patch", path: `${W}/owners/{id}`, tag: "Workspaces", summary: "Change an owner", access: "items.write", params: workspacePathWith({ id: segment("The owner's id.") }), body: updateOwnerInput, success: { status: 200, description: "The owner.", schema: ownerOutput }, errors: ["conflict"] },
  { id: "deleteOwner", method: "delete", path: `${W}/owners/{id}`, tag: "Workspaces", summary: "Delete an owner", description: "Their items become unassigned.", access: "items.write", params: workspacePathWith({ id: segment("The owner's id.") }), success: noContent },
  { id: "listApiKeys", method: "get", path: `${W}/api-keys`, tag: "Workspaces", summary: "API keys", description: "Never their secrets: only the visible prefix.", access: "apiKeys.manage", params: workspacePath, success: { status: 200, description: "Keys.", schema: list(apiKeyOutput) } },
  {
    id: "createApiKey",
    method: "post",
    path: `${W}/api-keys`,
    tag: "Workspaces",
    summary: "Create an API key",
    description: "The secret is in this response only; Readyroom stores its hash.",
    access: "apiKeys.manage",
    params: workspacePath,
    body: createApiKeyInput,
    success: { status: 201, description: "The key and its secret.", schema: createdApiKeyOutput },
  },
  { id: "revokeApiKey", method: "delete", path: `${W}/api-keys/{id}`, tag: "Workspaces", summary: "Revoke an API key", description: "The next request with it is 401.", access: "apiKeys.manage", params: workspacePathWith({ id: segment("The key's id.") }), success: noContent },
  { id: "listWebhooks", method: "get", path: `${W}/webhooks`, tag: "Webhooks", summary: "Webhook endpoints", description: "Never their signing secrets.", access: "webhooks.manage", params: workspacePath, success: { status: 200, description: "Endpoints.", schema: list(webhookOutput) } },
  {
    id: "createWebhook",
    method: "post",
    path: `${W}/webhooks`,
    tag: "Webhooks",
    summary: "Register a webhook endpoint",
    description:
      "Deliveries are signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the secret in this response, which is shown once. A failed delivery is retried 6 times with exponential backoff and jitter (30 s, then doubling); after 5 deliveries in a row fail every attempt the endpoint is disabled and admins are told. Private, loopback, link-local and metadata addresses are refused, at registration and again after DNS at connect time; redirects are not followed; a request times out after 10 s.",
    access: "webhooks.manage",
    params: workspacePath,
    body: createWebhookInput,
    success: { status: 201, description: "The endpoint and its signing secret.", schema: createdWebhookOutput },
  },
  { id: "getWebhook", method: "get", path: `${W}/webhooks/{id}`, tag: "Webhooks", summary: "A webhook endpoint", access: "webhooks.manage", params: workspacePathWith({ id: segment("The endpoint's id.") }), success: { status: 200, description: "The endpoint.", schema: webhookOutput } },
  { id: "updateWebhook", method: "patch", path: `${W}/webhooks/{id}`, tag: "Webhooks", summary: "Change, disable or re-enable an endpoint", access: "webhooks.manage", params: workspacePathWith({ id: segment("The endpoint's id.") }), body: updateWebhookInput, success: { status: 200, description: "The endpoint.", schema: webhookOutput } },
  { id: "deleteWebhook", method: "delete", path: `${W}/webhooks/{id}`, tag: "Webhooks", summary: "Delete an endpoint", description: "Its delivery log goes with it.", access: "webhooks.manage", params: workspacePathWith({ id: segment("The endpoint's id.") }), success: noContent },
  { id: "testWebhook", method: "post", path: `${W}/webhooks/{id}/test`, tag: "Webhooks", summary: "Send a test event", description: "Queues a `webhook.test` delivery, also to a disabled endpoint; its attempts appear in the delivery log.", access: "webhooks.manage", params: workspacePathWith({ id: segment("The endpoint's id.") }), success: { status: 202, description: "The queued delivery.", schema: webhookDeliveryOutput } },
  { id: "listWebhookDeliveries", method: "get", path: `${W}/webhooks/{id}/deliveries`, tag: "Webhooks", summary: "The endpoint's last 50 deliveries", description: "Newest first, each with every attempt: status code, duration, response excerpt or error.", access: "webhooks.manage", params: workspacePathWith({ id: segment("The endpoint's id.") }), success: { status: 200, description: "Deliveries.", schema: list(webhookDeliveryOutput) } },
  {
    id: "resendWebhookDelivery",
    method: "post",
    path: `${W}/webhooks/{id}/deliveries/{delivery}/resend`,
    tag: "Webhooks",
    summary: "Resend a delivery",
    description: "With its original `webhook-id` and body, as a new series of attempts. 409 while it is still being attempted or when the endpoint is disabled.",
    access: "webhooks.manage",
    params: workspacePathWith({ id: segment("The endpoint's id."), delivery: segment("The delivery's id.") }),
    success: { status: 202, description: "The delivery, queued again.", schema: webhookDeliveryOutput },
    errors: ["conflict"],
  },
  {
    id: "listAuditEvents",
    method: "get",
    path: `${W}/audit-events`,
    tag: "Workspaces",
    summary: "The audit log, newest first",
    description: `${AUDIT_FILTER_TEXT} Pass \`nextCursor\` as \`cursor\` with the same filters for the next page; a cursor that is not an entry of this workspace's log is 422.`,
    access: "audit.read",
    params: workspacePath,
    query: listAuditEventsQuery,
    success: { status: 200, description: "A page of events; pass nextCursor as cursor for the next.", schema: z.object({ data: z.array(auditEventOutput), nextCursor: z.string().nullable() }) },
  },
  {
    id: "exportAuditEvents",
    method: "get",
    path: `${W}/audit-events/export`,
    tag: "Workspaces",
    summary: "Export the audit log as CSV",
    description: `A download (\`Content-Disposition: attachment; filename="<workspace>-audit-<date>.csv"\`) of the events the filters select, newest first, as \`text/csv; charset=utf-8\` (RFC 4180, CRLF, UTF-8 BOM). ${AUDIT_FILTER_TEXT} Columns: Time (ISO 8601), Actor (the member's name or email, \`API key <name> (<prefix>)\`, or \`System\`), Actor id (a user id or \`api-key:<id>\`, as \`actor\` takes it; empty for System), Action, Object type, Object id, IP, Request id, Details (JSON). A cell that starts with \`=\`, \`+\`, \`-\`, \`@\`, a tab, a carriage return or an apostrophe gets a leading apostrophe, so no spreadsheet runs it as a formula. At most ${AUDIT_EXPORT_ROW_LIMIT.toLocaleString("en")} rows (the newest): \`X-Export-Truncated: true\` says more matched; narrow the time range to export the rest. Events recorded after the export starts are not in it.`,
    access: "audit.read",
    params: workspacePath,
    query: auditEventFilterQuery,
    success: {
      status: 200,
      description: "The CSV file.",
      contentType: "text/csv",
      headers: z.object({
        "X-Export-Row-Limit": z.string().meta({ description: `The most rows an export holds: ${AUDIT_EXPORT_ROW_LIMIT}.` }),
        "X-Export-Rows": z.string().meta({ description: "The rows in this file." }),
        "X-Export-Truncated": z.enum(["true", "false"]).meta({ description: "`true` when more events matched than the limit; the oldest are left out." }),
      }),
    },
  },
]);
