import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { readRegisterJson, type RegisterV1 } from "@/lib/domain/exchange/register-json";
import type { IncomingRegister } from "@/lib/domain/exchange/types";
import { AppError } from "@/lib/errors";
import { getProjectInWorkspace } from "../projects/get-project";
import { applyRegister, planRegister, type ImportOptions } from "./apply-register";

const OPTIONS: ImportOptions = { format: "json", exactClosedAt: true, defaultKind: "finding" };

/** The document in the terms of the import engine: everything it gives, every list whole. */
export function registerToIncoming(register: RegisterV1): IncomingRegister {
  const blockers = new Map<number, number[]>();
  for (const d of register.dependencies) blockers.set(d.blocked, [...(blockers.get(d.blocked) ?? []), d.blocker]);
  return {
    owners: register.owners.map((o) => ({ name: o.name, kind: o.kind, email: o.email })),
    phases: register.phases.map((p) => ({
      ref: p.ref,
      externalId: p.externalId,
      name: p.name,
      values: { position: p.position, objective: p.objective, deliverables: p.deliverables, acceptanceCriteria: p.acceptanceCriteria, exitCriteria: p.exitCriteria, risks: p.risks, estimate: p.estimate, estimateDays: p.estimateDays },
      owner: p.owner,
      dependsOn: p.dependsOn,
    })),
    items: register.items.map((item, index) => {
      const { number, key: _key, externalId, phase, owner, evidence, ...values } = item;
      return { label: `items.${index} (${item.key})`, number, externalId, values, phase, owner, blockedBy: blockers.get(number) ?? [], evidence };
    }),
    gates: register.gates.map((g) => ({ ...g, criteria: g.criteria.map((c) => ({ ...c })) })),
    description: register.project.description || null,
  };
}

/**
 * Imports a `readyroom.register` v1 file (docs/register-json-v1.md) into a
 * project. `apply: false` says what would be created, updated and left
 * unchanged; `apply: true` writes it in one transaction. A file of another
 * schema or version is `422 unsupported_schema`; a field or reference that is
 * wrong is `422 validation_failed` naming its path.
 */
export async function importRegisterJson({ ctx, projectSlug, source, fileName = null, apply }: { ctx: WorkspaceContext; projectSlug: string; source: string; fileName?: string | null; apply: boolean }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const read = readRegisterJson(source);
  if (!read.ok) throw new AppError(read.code, read.message, read.details);
  const incoming = registerToIncoming(read.register);
  const source_ = { name: read.register.project.name, keyPrefix: read.register.project.keyPrefix, exportedAt: read.register.exportedAt };
  if (!apply) return { applied: false, format: "json" as const, from: source_, ...(await planRegister({ ctx, project, incoming, options: OPTIONS })) };
  const result = await applyRegister({ ctx, project, incoming, options: OPTIONS, source, fileName });
  return { applied: true, format: "json" as const, from: source_, ...result };
}
