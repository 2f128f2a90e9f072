import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRegisterJson } from "@/lib/domain/exchange/register-json";
import { createItem } from "@/lib/services/items/create-item";
import { createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { exportFile, importExchangeFile, importFormatOf } from "./exchange";

const root = path.resolve(__dirname, "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "readyroom-cli-"));

/** The real command, on its own in-memory database (nothing is written anywhere). */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "readyroom.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, READYROOM_DATA_DIR: "memory", READYROOM_LOG: "silent", DATABASE_URL: "" },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("cli");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readyroom import and export (in process, on the test database)", () => {
  it("picks the importer by extension", () => {
    expect([importFormatOf("plan.md"), importFormatOf("x/register.JSON"), importFormatOf("jira.csv"), importFormatOf("notes")]).toEqual(["markdown", "json", "csv", "markdown"]);
  });

  it("exports a project as JSON and imports it into another, then reports nothing to change", async () => {
    const from = await createTestProject(ws);
    await createItem({ ctx: ws.ctx, projectSlug: from.slug, input: { title: "Rotate keys", severity: "high", labels: ["security"] } });
    await createItem({ ctx: ws.ctx, projectSlug: from.slug, input: { title: "Document the runbook", status: "done" } });
    const file = await exportFile({ ctx: ws.ctx, project: from.slug, format: "json", origin: "http://localhost:3000" });
    expect(file.fileName).toBe(`${from.slug}-register.json`);
    const read = readRegisterJson(file.body);
    expect(read.ok && read.register.items.map((i) => i.title)).toEqual(["Rotate keys", "Document the runbook"]);

    const to = await createTestProject(ws);
    const preview = await importExchangeFile({ ctx: ws.ctx, format: "json", file: "register.json", source: file.body, project: to.slug, dryRun: true, json: false });
    expect(preview).toContain("Would import register.json");
    expect(preview).toContain("items: 2 to create, 0 to update, 0 unchanged");
    expect(await ws.ctx.db.item.count({ where: { projectId: to.id } })).toBe(0);
    const applied = await importExchangeFile({ ctx: ws.ctx, format: "json", file: "register.json", source: file.body, project: to.slug, dryRun: false, json: false });
    expect(applied).toContain("Imported register.json");
    expect(await ws.ctx.db.item.count({ where: { projectId: to.id } })).toBe(2);
    const again = await importExchangeFile({ ctx: ws.ctx, format: "json", file: "register.json", source: file.body, project: to.slug, dryRun: false, json: false });
    expect(again).toContain("items: 0 to create, 0 to update, 2 unchanged");
  });

  it("imports a CSV with its detected preset and lists the rows that cannot be imported", async () => {
    const project = await createTestProject(ws);
    const csv = "Summary,Issue key,Status,Priority\nFix login,ABC-1,Done,High\n,ABC-2,To Do,Low\n";
    await expect(importExchangeFile({ ctx: ws.ctx, format: "csv", file: "jira.csv", source: csv, project: project.slug, dryRun: false, json: false })).rejects.toThrow(/row 3: the title is empty/);
    const fixed = await importExchangeFile({ ctx: ws.ctx, format: "csv", file: "jira.csv", source: csv.replace(",ABC-2", "Rate limit,ABC-2"), project: project.slug, dryRun: false, json: false });
    expect(fixed).toContain("(read as Jira)");
    expect(fixed).toContain("items: 2 to create");
    expect((await ws.ctx.db.item.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" } })).map((i) => [i.externalId, i.status])).toEqual([["jira:ABC-1", "done"], ["jira:ABC-2", "open"]]);
  });

  it("exports CSV, the plan and refuses an unknown format", async () => {
    const project = await createTestProject(ws);
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Only item" } });
    expect((await exportFile({ ctx: ws.ctx, project: project.slug, format: "csv", origin: "http://x" })).body).toContain("Only item");
    expect((await exportFile({ ctx: ws.ctx, project: project.slug, format: "plan-md", origin: "http://x" })).body).toContain("todos:");
    await expect(exportFile({ ctx: ws.ctx, project: project.slug, format: "pdf", origin: "http://x" })).rejects.toThrow();
  });
});

describe("the readyroom command", () => {
  it("reads a CSV or a register without a database on --dry-run --json, and keeps the Markdown path", () => {
    const csv = path.join(dir, "linear.csv");
    writeFileSync(csv, "ID,Title,Priority,Status,Team\nENG-1,Bound the cache,Urgent,Todo,Eng\n");
    const r = cli("import", csv, "--dry-run", "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { preset: string; rows: { externalId: string; values: { severity: string } }[] };
    expect(out.preset).toBe("linear");
    expect(out.rows[0]).toMatchObject({ externalId: "linear:ENG-1", values: { severity: "critical", status: "open" } });

    const bad = path.join(dir, "other.json");
    writeFileSync(bad, JSON.stringify({ schema: "readyroom.register", version: 3 }));
    const refused = cli("import", bad, "--dry-run", "--json");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Version 3 of readyroom.register is not supported");

    const plan = path.join(root, "prisma", "seed", "plans", "open-claude-final-plan.plan.md");
    const markdown = cli("import", plan, "--dry-run", "--json");
    expect(markdown.status).toBe(0);
    expect((JSON.parse(markdown.stdout) as { phases: unknown[] }).phases).toHaveLength(6);
  }, 120_000);

  it("refuses an export format it does not know", () => {
    const r = cli("export", "--workspace", "w", "--project", "p", "--format", "pdf");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Use json, csv, plan-md, gate-md.");
  }, 60_000);
});
