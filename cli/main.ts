import { Command, InvalidArgumentError } from "commander";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { closeDatabase } from "@/lib/db/client";
import { ensureUser } from "@/lib/db/global/identity";
import { migrateConfiguredDatabase } from "@/lib/db/operator";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { createWorkspace } from "@/lib/services/workspaces/create-workspace";
import { createApiKeyInput } from "@/lib/validation/api-key";
import { createWorkspaceInput } from "@/lib/validation/workspace";
import { email as emailSchema } from "@/lib/validation/common";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { snapshotAllWorkspaces } from "@/lib/jobs/daily-snapshots";
import { parsePlan } from "@/lib/domain/plan-import/parse-plan";
import { importPlan } from "@/lib/services/imports/import-plan";
import { readFile, writeFile } from "node:fs/promises";
import { dryRunWithoutDatabase, exportFile, exportFormats, importExchangeFile, importFormatOf } from "./exchange";
import { AppError } from "@/lib/errors";
import { CheckFailed, checkBody, postCheck } from "./check";
import { ZodError } from "zod";

const program = new Command()
  .name("readyroom")
  .description("Operate a Readyroom deployment: migrations, seeding, workspaces and API keys.")
  .showHelpAfterError();

program
  .command("migrate")
  .description("apply pending database migrations (embedded, or DATABASE_URL)")
  .action(async () => {
    console.log(await migrateConfiguredDatabase());
  });

program
  .command("seed")
  .description("seed data")
  .requiredOption("--demo", "the demo workspace, its users and the published demo project")
  .action(async () => {
    const { created } = await seedDemo();
    console.log(created ? "Seeded the demo workspace (slug: demo)." : "The demo workspace exists already; nothing changed.");
  });

const workspace = program.command("workspace").description("manage workspaces");
workspace
  .command("create <slug>")
  .description("create a workspace with its first owner (the user is created if needed)")
  .requiredOption("--owner <email>", "email of the first owner")
  .option("--name <name>", "display name (defaults to the slug)")
  .action(async (slug: string, options: { owner: string; name?: string }) => {
    const input = createWorkspaceInput.parse({ slug, name: options.name ?? slug });
    const owner = await ensureUser(emailSchema.parse(options.owner));
    const created = await createWorkspace({ userId: owner.id, input });
    console.log(`Created workspace ${created.slug} with owner ${owner.email}.`);
  });

const apiKey = program.command("api-key").description("manage API keys");
apiKey
  .command("create")
  .description("create an API key and print it once")
  .requiredOption("--workspace <slug>", "workspace slug")
  .requiredOption("--role <role>", "read | write | admin", (value) => {
    if (!["read", "write", "admin"].includes(value)) throw new InvalidArgumentError("Use read, write or admin.");
    return value;
  })
  .option("--name <name>", "a name to recognise the key by", "CLI key")
  .option("--expires <iso-date>", "expiry, e.g. 2027-01-31T00:00:00Z")
  .option("--rate-limit <per-minute>", "requests per minute for this key (default 600)", (value) => Number(value))
  .action(async (options: { workspace: string; role: string; name: string; expires?: string; rateLimit?: number }) => {
    const ctx = await systemWorkspaceContext(options.workspace);
    const input = createApiKeyInput.parse({ name: options.name, role: options.role, expiresAt: options.expires, rateLimitPerMinute: options.rateLimit });
    const { key, apiKey: created } = await createApiKey({ ctx, input });
    console.log(key);
    console.error(`Created ${created.role} key "${created.name}" (${created.prefix}) for ${ctx.workspace.slug}. It is shown only once.`);
  });

program
  .command("import <file>")
  .description("import a Markdown plan, a Readyroom register (.json) or a CSV (.csv, mapped by its detected preset) into a project; re-importing updates")
  .option("--workspace <slug>", "workspace slug (not needed with --dry-run --json)")
  .option("--project <slug>", "project slug (not needed with --dry-run --json)")
  .option("--dry-run", "say what would change; write nothing")
  .option("--json", "print JSON (with --dry-run: the parsed plan, without opening the database)")
  .action(async (file: string, options: { workspace?: string; project?: string; dryRun?: boolean; json?: boolean }) => {
    const source = await readFile(file, "utf8");
    const format = importFormatOf(file);
    if (format !== "markdown") {
      if (options.dryRun && options.json && (!options.workspace || !options.project)) {
        console.log(JSON.stringify(dryRunWithoutDatabase(format, source), null, 2));
        return;
      }
      if (!options.workspace || !options.project) throw new InvalidArgumentError("--workspace and --project are required (except with --dry-run --json).");
      const ctx = await systemWorkspaceContext(options.workspace);
      console.log(await importExchangeFile({ ctx, format, file, source, project: options.project, dryRun: Boolean(options.dryRun), json: Boolean(options.json) }));
      return;
    }
    if (options.dryRun && options.json) {
      console.log(JSON.stringify(parsePlan(source), null, 2));
      return;
    }
    if (!options.workspace || !options.project) throw new InvalidArgumentError("--workspace and --project are required (except with --dry-run --json).");
    const ctx = await systemWorkspaceContext(options.workspace);
    const result = await importPlan({ ctx, projectSlug: options.project, source, apply: !options.dryRun });
    if (options.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const t = result.diff.totals;
    const line = (name: string, c: { create: number; update: number; unchanged: number }) => `  ${name}: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged`;
    console.log(`${result.applied ? "Imported" : "Would import"} “${result.title ?? file}” into ${options.workspace}/${options.project}:`);
    console.log([line("phases", t.phases), line("items", t.items), line("gates", t.gates)].join("\n"));
    if (result.unmapped.length) console.log(`  kept as text: ${result.unmapped.map((u) => u.at).join("; ")}`);
  });

program
  .command("export")
  .description("export a project: its register (json, csv), its plan with current statuses (plan-md) or a gate's checklist (gate-md)")
  .requiredOption("--workspace <slug>", "workspace slug")
  .requiredOption("--project <slug>", "project slug")
  .requiredOption("--format <format>", exportFormats.join(" | "), (value) => {
    if (!(exportFormats as readonly string[]).includes(value)) throw new InvalidArgumentError(`Use ${exportFormats.join(", ")}.`);
    return value;
  })
  .option("--gate <id>", "with gate-md: the gate (default: the project's first gate)")
  .option("--out <file>", "write to this file instead of standard output")
  .action(async (options: { workspace: string; project: string; format: string; gate?: string; out?: string }) => {
    const ctx = await systemWorkspaceContext(options.workspace);
    const origin = process.env.AUTH_URL ? new URL(process.env.AUTH_URL).origin : `http://localhost:${process.env.PORT ?? 3000}`;
    const file = await exportFile({ ctx, project: options.project, format: options.format, gate: options.gate, origin });
    if (!options.out) {
      process.stdout.write(file.body);
      return;
    }
    await writeFile(options.out, file.body, "utf8");
    console.error(`Wrote ${options.format} of ${options.workspace}/${options.project} to ${options.out} (${Buffer.byteLength(file.body)} bytes).`);
  });

program
  .command("snapshot")
  .description("take today's trend snapshot of every project (the server also does this hourly; for cron)")
  .action(async () => {
    const { workspaces, projects } = await snapshotAllWorkspaces();
    console.log(`Took today's snapshot of ${projects} project(s) in ${workspaces} workspace(s).`);
  });

program
  .command("check")
  .description("post a check result to a gate criterion over the API (for CI jobs); retried safely with one Idempotency-Key")
  .requiredOption("--workspace <slug>", "workspace slug")
  .requiredOption("--project <slug>", "project slug")
  .requiredOption("--gate <id>", "gate id (shown on the gate page)")
  .requiredOption("--criterion <id>", "criterion id (in the curl example under the criterion)")
  .requiredOption("--status <status>", "pass | fail | pending")
  .option("--summary <text>", "one line on the result, e.g. \"412 tests, 0 failures\"")
  .option("--details-url <url>", "a link to the run or report")
  .option("--commit <sha>", "the commit checked (default: GITHUB_SHA, CI_COMMIT_SHA, BUILDKITE_COMMIT or CIRCLE_SHA1)")
  .option("--build <ref>", "the build or run (default: the GitHub Actions run URL, CI_JOB_URL, BUILDKITE_BUILD_URL or CIRCLE_BUILD_URL)")
  .option("--idempotency-key <key>", "reuse a key to make a re-run of the job record the result once (default: a new key per invocation)")
  .option("--url <origin>", "where Readyroom runs (default: READYROOM_URL)")
  .option("--token <key>", "an API key with write access (default: READYROOM_API_KEY; prefer the variable, arguments show in process lists)")
  .action(async (options: { workspace: string; project: string; gate: string; criterion: string; status: string; summary?: string; detailsUrl?: string; commit?: string; build?: string; idempotencyKey?: string; url?: string; token?: string }) => {
    const body = checkBody(options, process.env);
    const target = { ...options, url: options.url ?? process.env.READYROOM_URL ?? "", token: options.token ?? process.env.READYROOM_API_KEY ?? "" };
    const posted = await postCheck(target, body, { idempotencyKey: options.idempotencyKey }, { fetch, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random, log: (line) => console.error(line) });
    console.log(`Recorded ${posted.status} for criterion ${options.criterion} of gate ${options.gate}${posted.replayed ? " (already recorded by an earlier attempt)" : ""}; result ${posted.id}.`);
  });

function explain(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n");
  if (error instanceof AppError || error instanceof CheckFailed) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

program
  .parseAsync()
  .then(() => closeDatabase())
  .catch(async (error: unknown) => {
    console.error(`readyroom: ${explain(error)}`);
    await closeDatabase().catch(() => {});
    process.exit(1);
  });
