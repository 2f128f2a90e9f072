import "server-only";
import { generateApiKey } from "@/lib/auth/api-key-secret";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { ForbiddenError } from "@/lib/errors";
import type { CreateApiKeyInput } from "@/lib/validation/api-key";
import { recordAuditEvent } from "../audit/record-audit-event";

/** Creates an API key; the secret is returned once and only its hash is kept. */
export async function createApiKey({ ctx, input }: { ctx: WorkspaceContext; input: CreateApiKeyInput }) {
  if (ctx.actor.type === "apiKey") throw new ForbiddenError("API keys cannot create API keys.");
  const { key, prefix, hash } = generateApiKey();
  const apiKey = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        workspaceId: ctx.workspace.id,
        name: input.name,
        role: input.role,
        ...(input.rateLimitPerMinute ? { rateLimitPerMinute: input.rateLimitPerMinute } : {}),
        prefix,
        hash,
        createdById: actorUserId(ctx),
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      },
    });
    await recordAuditEvent(tx, ctx, { action: "api_key.created", targetType: "api_key", targetId: created.id, metadata: { name: input.name, role: input.role, prefix } });
    return created;
  });
  return { apiKey, key };
}
