/**
 * The public status page and the embed widget as HTML: server-rendered, no
 * script, one stylesheet inline (allowed by its hash in the CSP), light and
 * dark. Pure: the data in, a string out.
 */
import { createHash } from "node:crypto";
import type { PublicStatus } from "@/lib/services/public/load-public-status";
import type { PublicSection } from "@/lib/validation/public-status";
import { html, SafeHtml } from "./html";
import { OUTCOME } from "./outcomes";

const CSS = `
:root{color-scheme:light dark;--bg:#fafafa;--card:#fff;--text:#18181b;--muted:#52525b;--line:#e4e4e7;--track:#e4e4e7;--bar:#2563eb;
--go:#047857;--go-bg:#ecfdf5;--risk:#b45309;--risk-bg:#fffbeb;--nogo:#b91c1c;--nogo-bg:#fef2f2;--none:#52525b;--none-bg:#f4f4f5}
@media (prefers-color-scheme:dark){:root:not(.light){--bg:#09090b;--card:#18181b;--text:#f4f4f5;--muted:#a1a1aa;--line:#27272a;--track:#27272a;--bar:#60a5fa;
--go:#6ee7b7;--go-bg:#052e1f;--risk:#fcd34d;--risk-bg:#2d1f05;--nogo:#fca5a5;--nogo-bg:#2d0a0a;--none:#a1a1aa;--none-bg:#27272a}}
:root.dark{color-scheme:dark;--bg:#09090b;--card:#18181b;--text:#f4f4f5;--muted:#a1a1aa;--line:#27272a;--track:#27272a;--bar:#60a5fa;
--go:#6ee7b7;--go-bg:#052e1f;--risk:#fcd34d;--risk-bg:#2d1f05;--nogo:#fca5a5;--nogo-bg:#2d0a0a;--none:#a1a1aa;--none-bg:#27272a}
:root.light{color-scheme:light}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:720px;margin:0 auto;padding:40px 20px}
.eyebrow{margin:0;color:var(--muted);font-size:13px;letter-spacing:.02em}
h1{margin:4px 0 4px;font-size:28px;line-height:1.2;letter-spacing:-.01em}
h2{margin:0 0 12px;font-size:15px}
.sub{margin:0;color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px;margin-top:16px}
.row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px}
.pill{display:inline-block;border-radius:999px;padding:2px 10px;font-size:13px;font-weight:600}
.go{color:var(--go);background:var(--go-bg)}.risk{color:var(--risk);background:var(--risk-bg)}.nogo{color:var(--nogo);background:var(--nogo-bg)}.none{color:var(--none);background:var(--none-bg)}
.muted{color:var(--muted);font-size:13px}
ul{list-style:none;margin:0;padding:0}li+li{margin-top:10px}
.phase{display:grid;grid-template-columns:1fr auto;gap:4px 12px;align-items:center}
progress{grid-column:1/-1;width:100%;height:6px;appearance:none;border:0;border-radius:999px;background:var(--track);overflow:hidden}
progress::-webkit-progress-bar{background:var(--track);border-radius:999px}progress::-webkit-progress-value{background:var(--bar);border-radius:999px}progress::-moz-progress-bar{background:var(--bar);border-radius:999px}
.counts{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}.counts div{border:1px solid var(--line);border-radius:8px;padding:8px 10px}.counts b{display:block;font-size:20px}
.state{display:inline-block;width:5.5em;font-size:12px;font-weight:600}
footer{margin-top:24px;color:var(--muted);font-size:13px}a{color:var(--bar)}
.embed main{padding:12px;max-width:none}.embed .card{margin:0;padding:14px 16px;display:flex;flex-direction:column;gap:10px}.embed .card>.row+.row{margin-top:-2px}
.embed h1{font-size:17px;margin:0}.embed p{margin:0}.embed ul{padding-top:4px;border-top:1px solid var(--line)}.embed li:first-child{margin-top:6px}.embed li+li{margin-top:8px}.embed .counts b{font-size:17px}.embed .phase{font-size:14px}
`;

/** For the Content-Security-Policy: the only style the pages use. */
export const PAGE_STYLE_HASH = `'sha256-${createHash("sha256").update(CSS).digest("base64")}'`;

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The stylesheet is a constant of this module, not input. */
const STYLE = new SafeHtml(CSS);

function document(title: string, body: SafeHtml, { theme = "auto", bodyClass = "" }: { theme?: "auto" | "light" | "dark"; bodyClass?: string } = {}): string {
  return `<!doctype html>${html`<html lang="en" class="${theme === "auto" ? "" : theme}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body class="${bodyClass}">${body}</body></html>`.value}`;
}

function pill(outcome: keyof typeof OUTCOME | null, empty: string): SafeHtml {
  return outcome ? html`<span class="pill ${OUTCOME[outcome].tone}">${OUTCOME[outcome].label}</span>` : html`<span class="pill none">${empty}</span>`;
}

function phasesList(phases: NonNullable<PublicStatus["phases"]>): SafeHtml {
  if (phases.length === 0) return html`<p class="muted">No phases yet.</p>`;
  return html`<ul>${phases.map(
    (p) => html`<li class="phase"><span>${p.name}</span><span class="muted">${p.done} of ${p.total} done</span><progress value="${p.done}" max="${Math.max(p.total, 1)}" aria-label="${p.name}: ${p.done} of ${p.total} done"></progress></li>`,
  )}</ul>`;
}

function countsGrid(counts: NonNullable<PublicStatus["severityCounts"]>): SafeHtml {
  return html`<div class="counts">${(["critical", "high", "medium", "low"] as const).map((s) => html`<div><b>${counts[s]}</b><span class="muted">${s[0]!.toUpperCase() + s.slice(1)}</span></div>`)}</div>`;
}

const STATE: Record<string, { label: string; tone: string }> = { pass: { label: "Met", tone: "go" }, fail: { label: "Not met", tone: "nogo" }, pending: { label: "Pending", tone: "none" } };

function decisionLine(status: PublicStatus): SafeHtml | null {
  if (status.decision === undefined) return null;
  return html`<div class="row"><span>Decision</span>${pill(status.decision?.outcome ?? null, "Not decided yet")}</div>${
    status.decision ? html`<p class="muted">Recorded ${dateTimeFormat.format(new Date(status.decision.decidedAt))} UTC</p>` : html`<p class="muted">No Go / No-Go decision has been recorded for this gate.</p>`
  }`;
}

function recommendationLine(status: PublicStatus): SafeHtml | null {
  if (status.recommendation === undefined) return null;
  return html`<div class="row"><span>Readyroom recommends now</span>${pill(status.recommendation?.outcome ?? null, "No gate")}</div><p class="muted">From the register and the gate's criteria, as they stand.</p>`;
}

/** The public status page: /status/{slug}. */
export function renderStatusPage(status: PublicStatus): string {
  const gate = status.gate;
  const body = html`<main>
<p class="eyebrow">Release readiness</p>
<h1>${status.project.name}</h1>
<p class="sub">${gate ? html`Release gate: ${gate.name}${gate.targetDate ? html` · target ${dateFormat.format(new Date(`${gate.targetDate}T00:00:00Z`))}` : null}` : "No release gate yet."}</p>
${status.decision !== undefined || status.recommendation !== undefined ? html`<section class="card" aria-label="Go / No-Go">${decisionLine(status)}${recommendationLine(status)}</section>` : null}
${status.phases ? html`<section class="card"><h2>Progress by phase</h2>${phasesList(status.phases)}</section>` : null}
${status.severityCounts ? html`<section class="card"><h2>Open items by severity</h2>${countsGrid(status.severityCounts)}</section>` : null}
${status.criteria ? html`<section class="card"><h2>Gate criteria</h2>${status.criteria.length ? html`<ul>${status.criteria.map((c) => html`<li><span class="state ${STATE[c.state]!.tone}">${STATE[c.state]!.label}</span> ${c.title}${c.required ? null : html` <span class="muted">(advisory)</span>`}</li>`)}</ul>` : html`<p class="muted">The gate has no criteria yet.</p>`}</section>` : null}
${status.openBlockers ? html`<section class="card"><h2>Open release blockers</h2>${status.openBlockers.length ? html`<ul>${status.openBlockers.map((t) => html`<li>${t}</li>`)}</ul>` : html`<p class="muted">None open.</p>`}</section>` : null}
<footer>Last updated <time datetime="${status.updatedAt}">${dateTimeFormat.format(new Date(status.updatedAt))} UTC</time> · Published with Readyroom</footer>
</main>`;
  return document(`${status.project.name} — release status`, body);
}

export const EMBED_SECTIONS: PublicSection[] = ["decision", "recommendation", "phases", "severityCounts"];

/** The embed widget: /embed/{slug}?sections=decision,phases&theme=dark. Only sections the project shows. */
export function renderEmbed(status: PublicStatus, { sections, theme, pageUrl }: { sections: PublicSection[]; theme: "auto" | "light" | "dark"; pageUrl: string }): string {
  const on = (s: PublicSection) => sections.includes(s) && status.show[s];
  const body = html`<main><div class="card">
<div class="row"><h1>${status.project.name}</h1><a href="${pageUrl}" target="_blank" rel="noopener" class="muted">Full status</a></div>
${on("decision") ? html`<div class="row"><span class="muted">Decision</span>${pill(status.decision?.outcome ?? null, "Not decided yet")}</div>` : null}
${on("recommendation") ? html`<div class="row"><span class="muted">Recommended now</span>${pill(status.recommendation?.outcome ?? null, "No gate")}</div>` : null}
${on("phases") && status.phases ? phasesList(status.phases) : null}
${on("severityCounts") && status.severityCounts ? countsGrid(status.severityCounts) : null}
<p class="muted">Updated ${dateTimeFormat.format(new Date(status.updatedAt))} UTC</p>
</div></main>`;
  return document(`${status.project.name} — release status`, body, { theme, bodyClass: "embed" });
}

/** The same page for an unknown slug and for a project that is not published. */
export function renderNotFound(requestId: string): string {
  return document("Not found", html`<main><p class="eyebrow">Readyroom</p><h1>No status page here</h1><p class="sub">This address does not lead to a published status page.</p><footer>Request id ${requestId}</footer></main>`);
}

export function renderRateLimited(retryAfterSeconds: number): string {
  return document("Too many requests", html`<main><p class="eyebrow">Readyroom</p><h1>Too many requests</h1><p class="sub">Try again in ${retryAfterSeconds} seconds.</p></main>`);
}
