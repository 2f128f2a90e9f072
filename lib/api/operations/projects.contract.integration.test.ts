import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as batchesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/batches/route";
import * as exportRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/export/route";
import * as csvRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/csv/route";
import * as jsonRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/json/route";
import * as importsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/route";
import * as phaseRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]/route";
import * as phasesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/phases/route";
import * as publicStatusRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/public-status/route";
import * as projectRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/route";
import * as projectsRoute from "@/app/api/v1/workspaces/[ws]/projects/route";
import { as, createTestProject, createWorkspace, type TestWorkspace, unique } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { expectContract, expectEveryOperationChecked } from "@/test/harness/contract";

/** The fixture plans, copied into the repository (prisma/seed/plans). */
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../prisma/seed/plans", name), "utf8");

const SMALL_PLAN = [
  "# Launch plan",
  "",
  "## Phase 1 — Baseline",
  "",
  "- [ ] Pin dependencies",
  "- [x] Write the runbook",
  "",
  "## Phase 2 — Hardening",
  "",
  "Depends on: Phase 1",
  "",
  "- [ ] Add CSP",
  "",
  "## Release gate",
  "",
  "- [ ] Phase 1 done",
  "- [ ] CI green",
].join("\n");

const CSV = ["Summary,Issue key,Issue id,Issue Type,Status,Priority", "Token in window,ABC-12,10012,Bug,Done,Highest", "Rate limits,ABC-13,10013,Story,In Progress,Low"].join("\r\n");

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace("contract-projects");
  other = await createWorkspace("contract-projects-other");
});

afterAll(() => expectEveryOperationChecked("Projects", "Phases", "Imports"));

describe("project, phase and import operations answer as the OpenAPI document says", () => {
  it("projects and their public status", async () => {
    const member = as.user(ws.members.member);
    const admin = as.user(ws.members.admin);
    const params = { ws: ws.slug };
    const slug = unique("contract-proj");
    const created = await callRoute(projectsRoute.POST, { method: "POST", as: member, params, body: { slug, name: "Contract", keyPrefix: "CT" } });
    expectContract("createProject", created);
    expect(created.status).toBe(201);
    expectContract("createProject", await callRoute(projectsRoute.POST, { method: "POST", as: member, params, body: { slug, name: "Again", keyPrefix: "CU" } }));
    expectContract("createProject", await callRoute(projectsRoute.POST, { method: "POST", as: member, params, body: { slug: "x", keyPrefix: "1" } }));
    expectContract("createProject", await callRoute(projectsRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params, body: { slug: unique("no"), name: "No", keyPrefix: "NO" } }));
    expectContract("listProjects", await callRoute(projectsRoute.GET, { as: as.user(ws.members.viewer), params }));

    const project = { ...params, project: slug };
    expectContract("getProject", await callRoute(projectRoute.GET, { as: member, params: project }));
    expectContract("getProject", await callRoute(projectRoute.GET, { as: as.user(other.owner), params: project }));
    const foreign = await createTestProject(other);
    const foreignGet = await callRoute(projectRoute.GET, { as: member, params: { ...params, project: foreign.slug } });
    expect(foreignGet.status).toBe(404);
    expectContract("getProject", foreignGet);
    expectContract("updateProject", await callRoute(projectRoute.PATCH, { method: "PATCH", as: member, params: project, body: { name: "Renamed", description: "About it" } }));
    expectContract("updateProject", await callRoute(projectRoute.PATCH, { method: "PATCH", as: member, params: project, body: {} }));
    const taken = await createTestProject(ws);
    expectContract("updateProject", await callRoute(projectRoute.PATCH, { method: "PATCH", as: member, params: project, body: { slug: taken.slug } }));

    const show = { decision: true, recommendation: true, phases: true, severityCounts: false, criteria: false, itemTitles: false };
    expectContract("getPublicStatus", await callRoute(publicStatusRoute.GET, { as: member, params: project }));
    const publicSlug = unique("contract-public");
    const published = await callRoute(publicStatusRoute.PUT, { method: "PUT", as: admin, params: project, body: { enabled: true, slug: publicSlug, show, embedOrigins: ["https://intranet.example.com"] } });
    expect(published.status).toBe(200);
    expectContract("updatePublicStatus", published);
    expectContract("getPublicStatus", await callRoute(publicStatusRoute.GET, { as: member, params: project }));
    const clash = await callRoute(publicStatusRoute.PUT, { method: "PUT", as: admin, params: { ...params, project: taken.slug }, body: { enabled: true, slug: publicSlug, show } });
    expect(clash.status).toBe(409);
    expectContract("updatePublicStatus", clash);
    expectContract("updatePublicStatus", await callRoute(publicStatusRoute.PUT, { method: "PUT", as: member, params: project, body: { enabled: false, slug: publicSlug, show } }));
    expectContract("updatePublicStatus", await callRoute(publicStatusRoute.PUT, { method: "PUT", as: admin, params: project, body: { enabled: true, slug: publicSlug, show, embedOrigins: ["ftp://x"] } }));

    expectContract("deleteProject", await callRoute(projectRoute.DELETE, { method: "DELETE", as: member, params: project }));
    expectContract("deleteProject", await callRoute(projectRoute.DELETE, { method: "DELETE", as: admin, params: project }));
    expectContract("deleteProject", await callRoute(projectRoute.DELETE, { method: "DELETE", as: admin, params: project }));
  });

  it("phases, with the DAG's cycle refused", async () => {
    const member = as.user(ws.members.member);
    const project = await createTestProject(ws);
    const params = { ws: ws.slug, project: project.slug };
    const first = await callRoute(phasesRoute.POST, { method: "POST", as: member, params, body: { name: "Phase 1", estimateDays: 3 } });
    expect(first.status).toBe(201);
    expectContract("createPhase", first);
    const second = await callRoute(phasesRoute.POST, { method: "POST", as: member, params, body: { name: "Phase 2", estimateDays: 2, dependsOn: [first.body.id] } });
    expectContract("createPhase", second);
    expectContract("createPhase", await callRoute(phasesRoute.POST, { method: "POST", as: member, params, body: { name: "" } }));
    expectContract("createPhase", await callRoute(phasesRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params, body: { name: "No" } }));
    expectContract("listPhases", await callRoute(phasesRoute.GET, { as: as.user(ws.members.viewer), params }));

    expectContract("updatePhase", await callRoute(phaseRoute.PATCH, { method: "PATCH", as: member, params: { ...params, phase: second.body.id }, body: { objective: "Harden it", position: 0 } }));
    const cycle = await callRoute(phaseRoute.PATCH, { method: "PATCH", as: member, params: { ...params, phase: first.body.id }, body: { dependsOn: [second.body.id] } });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.code).toBe("dependency_cycle");
    expectContract("updatePhase", cycle);
    expectContract("updatePhase", await callRoute(phaseRoute.PATCH, { method: "PATCH", as: member, params: { ...params, phase: "missing" }, body: { name: "x" } }));

    expectContract("deletePhase", await callRoute(phaseRoute.DELETE, { method: "DELETE", as: member, params: { ...params, phase: second.body.id } }));
    expectContract("deletePhase", await callRoute(phaseRoute.DELETE, { method: "DELETE", as: member, params: { ...params, phase: second.body.id } }));
  });

  it("imports, the export and batches", async () => {
    const member = as.user(ws.members.member);
    const project = await createTestProject(ws);
    const params = { ws: ws.slug, project: project.slug };

    // A Markdown plan: the preview (200) and the import (201, the same body).
    expectContract("importPlan", await callRoute(importsRoute.POST, { method: "POST", as: member, params, body: { source: fixture("open-claude-final-plan.plan.md") } }));
    expectContract("importPlan", await callRoute(importsRoute.POST, { method: "POST", as: member, params, body: { source: SMALL_PLAN } }));
    const applied = await callRoute(importsRoute.POST, { method: "POST", as: member, params, body: { source: SMALL_PLAN, apply: true, fileName: "plan.md" } });
    expect(applied.status).toBe(201);
    expectContract("importPlan", applied);
    expectContract("importPlan", await callRoute(importsRoute.POST, { method: "POST", as: member, params, body: { source: "" } }));
    expectContract("importPlan", await callRoute(importsRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params, body: { source: SMALL_PLAN } }));
    expectContract("importPlan", await callRoute(importsRoute.POST, { method: "POST", as: member, params: { ...params, project: (await createTestProject(other)).slug }, body: { source: SMALL_PLAN } }));

    // The export: JSON against the document, the other formats by status.
    const register = await callRoute(exportRoute.GET, { as: member, params, url: "/api/test?format=json" });
    expect(register.headers.get("content-type")).toContain("application/json");
    expectContract("exportProject", register);
    for (const format of ["csv", "plan-md", "gate-md"]) expect((await callRoute(exportRoute.GET, { as: member, params, url: `/api/test?format=${format}` })).status, format).toBe(200);
    expectContract("exportProject", await callRoute(exportRoute.GET, { as: member, params, url: "/api/test?format=pdf" }));
    expectContract("exportProject", await callRoute(exportRoute.GET, { as: member, params, url: "/api/test?format=gate-md&gate=missing" }));

    // Batches.
    expectContract("planProjectBatches", await callRoute(batchesRoute.GET, { as: member, params }));
    expectContract("planProjectBatches", await callRoute(batchesRoute.GET, { as: member, params, url: "/api/test?includeDone=true&phaseOrder=true" }));
    expectContract("planProjectBatches", await callRoute(batchesRoute.GET, { as: member, params, url: `/api/test?items=${project.keyPrefix}-1,${project.keyPrefix}-2` }));
    expectContract("planProjectBatches", await callRoute(batchesRoute.GET, { as: member, params, url: `/api/test?phase=none&items=${project.keyPrefix}-1` }));
    expectContract("planProjectBatches", await callRoute(batchesRoute.GET, { as: member, params, url: `/api/test?items=${project.keyPrefix}-999` }));

    // The register JSON into another project: preview, import, and a file of another schema.
    const target = await createTestProject(ws);
    const into = { ws: ws.slug, project: target.slug };
    const source = JSON.stringify(register.body);
    expectContract("importRegisterJson", await callRoute(jsonRoute.POST, { method: "POST", as: member, params: into, body: { source } }));
    const jsonApplied = await callRoute(jsonRoute.POST, { method: "POST", as: member, params: into, body: { source, apply: true } });
    expect(jsonApplied.status).toBe(201);
    expectContract("importRegisterJson", jsonApplied);
    expectContract("importRegisterJson", await callRoute(jsonRoute.POST, { method: "POST", as: member, params: into, body: { source } }));
    const unsupported = await callRoute(jsonRoute.POST, { method: "POST", as: member, params: into, body: { source: JSON.stringify({ schema: "other", version: 1 }) } });
    expect(unsupported.body.error.code).toBe("unsupported_schema");
    expectContract("importRegisterJson", unsupported);
    expectContract("importRegisterJson", await callRoute(jsonRoute.POST, { method: "POST", as: member, params: into, body: { source: "{not json" } }));
    expectContract("importRegisterJson", await callRoute(jsonRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params: into, body: { source } }));

    // A CSV: the preview, the import, a mapping with a problem and a file that cannot be read.
    expectContract("importRegisterCsv", await callRoute(csvRoute.POST, { method: "POST", as: member, params: into, body: { source: CSV, fileName: "jira.csv" } }));
    const csvApplied = await callRoute(csvRoute.POST, { method: "POST", as: member, params: into, body: { source: CSV, apply: true } });
    expect(csvApplied.status).toBe(201);
    expectContract("importRegisterCsv", csvApplied);
    expectContract("importRegisterCsv", await callRoute(csvRoute.POST, { method: "POST", as: member, params: into, body: { source: CSV, mapping: { Status: "status" } } }));
    const invalid = await callRoute(csvRoute.POST, { method: "POST", as: member, params: into, body: { source: 'Summary,Issue key\nok,ABC-1\n"never closed,ABC-2\n' } });
    expect(invalid.body.error.code).toBe("invalid_csv");
    expectContract("importRegisterCsv", invalid);
    expectContract("importRegisterCsv", await callRoute(csvRoute.POST, { method: "POST", as: member, params: into, body: { source: CSV, preset: "excel" } }));
  });
});
