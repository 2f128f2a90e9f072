import { beforeAll, describe, expect, it } from "vitest";
import * as checklistRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/checklist/route";
import * as marksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks/route";
import * as decisionsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/route";
import * as gatesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/route";
import { createItem } from "@/lib/services/items/create-item";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("checklist");
});

/** A gate with a failing required rule (one open Phase 1 item) and a manual criterion marked pass. */
async function setup(target: TestWorkspace = ws) {
  const project = await createTestProject(target);
  const phase = await createPhase({ ctx: target.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1" }) });
  const failing = await createItem({ ctx: target.ctx, projectSlug: project.slug, input: { title: "Fix token storage", phaseId: phase.id, severity: "critical" } });
  await createItem({ ctx: target.ctx, projectSlug: project.slug, input: { title: "Already fixed", phaseId: phase.id, status: "done" } });
  const gate = await callRoute(gatesRoute.POST, {
    method: "POST",
    as: as.user(target.owner),
    params: { ws: target.slug, project: project.slug },
    body: {
      name: "v1.0 Release!",
      criteria: [
        { title: "Phase 1 items complete", type: "rule", rule: { type: "all_done", filter: { phase: phase.id } } },
        { title: "Deploy checklist verified", type: "manual" },
      ],
    },
  });
  expect(gate.status).toBe(201);
  const params = { ws: target.slug, project: project.slug, gate: gate.body.id as string };
  const mark = await callRoute(marksRoute.POST, {
    method: "POST",
    as: as.user(target.members.member),
    params: { ...params, criterion: gate.body.criteria[1].id },
    body: { result: "pass", justification: "Rollback rehearsed" },
  });
  expect(mark.status).toBe(201);
  return { project, failing, params };
}

const checklist = (params: Record<string, string>, caller: As = as.user(ws.members.viewer)) =>
  callRoute<string>(checklistRoute.GET, { as: caller, url: `/api/v1/workspaces/${params.ws}/projects/${params.project}/gates/${params.gate}/checklist`, params });

describe("the gate checklist export", () => {
  it("downloads the gate as Markdown: unchecked failing criteria with their items, checked passing ones", async () => {
    const { project, failing, params } = await setup();
    const r = await checklist(params);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/markdown\b/);
    const disposition = r.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[^"]+-release-gate-checklist\.md"$/);
    expect(disposition).toContain(`filename="${project.slug}-v1-0-release-release-gate-checklist.md"`);

    const md = r.body;
    expect(typeof md).toBe("string");
    expect(md.startsWith("# Release gate: v1.0 Release! — ")).toBe(true);
    const lines = md.split("\n");
    const ruleLine = lines.find((l) => l.startsWith("- [") && l.includes("Phase 1 items complete"));
    expect(ruleLine).toMatch(/^- \[ \] Phase 1 items complete — required — \*\*fail\*\* \(rule\)$/);
    const manualLine = lines.find((l) => l.startsWith("- [") && l.includes("Deploy checklist verified"));
    expect(manualLine).toMatch(/^- \[x\] Deploy checklist verified — required — \*\*pass\*\* \(manual\)$/);
    expect(md).toContain("1 item fails:");
    expect(md).toContain(failing.key);
    expect(md).toContain("Fix token storage");
    expect(md).not.toContain("Already fixed");
    expect(md).toContain("Rollback rehearsed");
    expect(md).toContain("- **Recommendation:** No-Go");
    expect(md).toContain("## Last decision\n\nNo decision recorded yet.");
  });

  it("shows the last decision with its outcome once one is recorded", async () => {
    const { params } = await setup();
    const noGo = await callRoute(decisionsRoute.POST, { method: "POST", as: as.user(ws.members.admin), params, body: { outcome: "no_go", rationale: "Token storage still open", confidence: "high" } });
    expect(noGo.status).toBe(201);
    const md = (await checklist(params)).body;
    const section = md.slice(md.indexOf("## Last decision"));
    expect(section).not.toContain("No decision recorded yet.");
    expect(section).toContain("- **Outcome:** No-Go");
    expect(section).toContain("- **Confidence:** high");
    expect(section).toContain("> Token storage still open");
    expect(section).toContain(noGo.body.snapshotHash);
    expect(section).toContain("1 of 1 sign-off");
  });

  it("is readable by a viewer, and 404s on another workspace's gate", async () => {
    const { params } = await setup();
    expect((await checklist(params, as.user(ws.members.viewer))).status).toBe(200);

    const other = await createWorkspace("checklist-other");
    const foreign = await setup(other);
    const r = await checklist({ ...params, gate: foreign.params.gate });
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain("Fix token storage");
    // Nor can this workspace's viewer read it through the other workspace.
    expect((await checklist(foreign.params, as.user(ws.members.viewer))).status).toBe(404);
  });
});
