/**
 * `npm run bench [-- <suite>…]`: runs the named benchmark suites (all of them
 * without names), prints a Markdown table and writes bench/results.json and
 * bench/results.md. See bench/README.md.
 *
 * The database is the one the app would use: PostgreSQL when DATABASE_URL is
 * set, otherwise an embedded PGlite in a fresh temporary folder (never the
 * user's .readyroom/data), removed at the end (kept with BENCH_KEEP=1). READYROOM_DATA_DIR is set here,
 * before anything under lib/db is imported: the suites are loaded afterwards.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type DatabaseKind = "embedded" | "postgres";

export interface BenchEnv {
  database: DatabaseKind;
  /** Progress, on stderr so that stdout stays the Markdown report. */
  log(message: string): void;
}

export interface SuiteResult {
  /** Written to bench/results.json under `suites.<key>`. */
  summary: Record<string, unknown>;
  /** This suite's section of bench/results.md (and of stdout). */
  markdown: string;
}

export interface Suite {
  title: string;
  run(env: BenchEnv): Promise<SuiteResult>;
}

/** Suites by command-line name; `key` names the suite in results.json. */
const SUITES: Record<string, { key: string; load: () => Promise<Suite> }> = {
  "gate-evaluation": { key: "gateEvaluation", load: async () => (await import("./gate-evaluation")).gateEvaluationSuite },
  "plan-import": { key: "planImport", load: async () => (await import("./plan-import")).planImportSuite },
  application: { key: "application", load: async () => (await import("./application")).applicationSuite },
};

const outDir = fileURLToPath(new URL("../../bench/", import.meta.url));

/** results.json and results.md for the embedded database, results-postgres.* for PostgreSQL: each keeps its own last run. */
const resultsName = (database: DatabaseKind) => (database === "postgres" ? "results-postgres" : "results");

/** The last results of this database, for the suites this run leaves out. */
function readPrevious(database: DatabaseKind): { suites: Record<string, Record<string, unknown>>; report: Record<string, string> } {
  try {
    const stored = JSON.parse(readFileSync(path.join(outDir, `${resultsName(database)}.json`), "utf8")) as { suites?: Record<string, Record<string, unknown>>; report?: Record<string, string> };
    const known = new Set(Object.values(SUITES).map((s) => s.key));
    const keep = <T>(entries: Record<string, T> | undefined) => Object.fromEntries(Object.entries(entries ?? {}).filter(([key]) => known.has(key)));
    return { suites: keep(stored.suites), report: keep(stored.report) };
  } catch {
    return { suites: {}, report: {} };
  }
}

async function main(): Promise<number> {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const unknown = names.filter((name) => !(name in SUITES));
  if (unknown.length) {
    console.error(`Unknown suite(s): ${unknown.join(", ")}. Suites: ${Object.keys(SUITES).join(", ")}.`);
    return 2;
  }
  const selected = names.length ? names : Object.keys(SUITES);
  const database: DatabaseKind = process.env.DATABASE_URL?.trim() ? "postgres" : "embedded";
  const log = (message: string) => console.error(`[bench] ${message}`);

  let tempDir: string | null = null;
  if (database === "embedded") {
    tempDir = mkdtempSync(path.join(os.tmpdir(), "readyroom-bench-"));
    process.env.READYROOM_DATA_DIR = path.join(tempDir, "data");
    log(`embedded database in ${process.env.READYROOM_DATA_DIR} (removed at the end)`);
  } else {
    log("PostgreSQL from DATABASE_URL");
  }

  const { closeDatabase } = await import("@/lib/db/client");
  // A run of some suites keeps the others' last results (each says when and on which database it ran).
  const previous = readPrevious(database);
  const suites: Record<string, Record<string, unknown>> = { ...previous.suites };
  const report: Record<string, string> = { ...previous.report };
  try {
    for (const name of selected) {
      const entry = SUITES[name]!;
      const suite = await entry.load();
      log(`suite ${name}: ${suite.title}`);
      const ranAt = new Date().toISOString();
      const result = await suite.run({ database, log });
      suites[entry.key] = { ranAt, database, ...result.summary };
      report[entry.key] = `## ${suite.title}\n\n_Ran ${ranAt} on the ${database} database._\n\n${result.markdown.trim()}\n`;
    }
  } finally {
    await closeDatabase().catch((error: unknown) => log(`closing the database failed: ${String(error)}`));
    if (tempDir && process.env.BENCH_KEEP === "1") log(`kept the embedded data in ${tempDir} (BENCH_KEEP=1)`);
    else if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }

  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    database,
  };
  const generatedAt = new Date().toISOString();
  const markdown = [
    "# Readyroom benchmarks",
    "",
    `Generated ${generatedAt} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, ${database} database. Produced by \`npm run bench\`; see README.md.`,
    "",
    ...Object.values(SUITES).flatMap(({ key }) => (report[key] ? [report[key]] : [])),
  ].join("\n");

  mkdirSync(outDir, { recursive: true });
  const name = resultsName(database);
  writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify({ generatedAt, machine, suites, report }, null, 2)}\n`);
  writeFileSync(path.join(outDir, `${name}.md`), markdown);
  console.log(markdown);
  log(`wrote ${path.relative(process.cwd(), path.join(outDir, `${name}.json`))} and ${name}.md`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
