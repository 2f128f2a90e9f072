import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgliteSession } from "./embedded";
import { applyMigrations, loadMigrations, migrationStatus, type Migration, type SqlSession } from "./migrate";

/** Each case runs on its own fresh in-memory PGlite, not the app's database. */
let pglite: PGlite;
let db: SqlSession;

beforeEach(async () => {
  pglite = await PGlite.create();
  db = pgliteSession(pglite);
});

afterEach(async () => {
  await pglite.close();
});

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
}

async function tableExists(name: string): Promise<boolean> {
  const rows = await db.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${name}"`]);
  return rows[0]!.present;
}

async function recorded(): Promise<string[]> {
  const rows = await db.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows.map((r) => r.migration_name);
}

describe("applyMigrations", () => {
  it("applies every migration in prisma/migrations once, in order", async () => {
    const all = await loadMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((m) => m.name)).toEqual([...all.map((m) => m.name)].sort());

    const before = await migrationStatus(db);
    expect(before.applied).toEqual([]);
    expect(before.pending).toEqual(all.map((m) => m.name));

    expect(await applyMigrations(db)).toEqual(all.map((m) => m.name));
    expect(await recorded()).toEqual(all.map((m) => m.name));
    for (const table of ["User", "Workspace", "Membership", "Project", "AuditEvent", "ApiKey"]) expect(await tableExists(table), table).toBe(true);

    expect(await applyMigrations(db)).toEqual([]);
    expect(await recorded()).toEqual(all.map((m) => m.name));

    const status = await migrationStatus(db);
    expect(status).toEqual({ applied: all.map((m) => m.name), pending: [], modified: [], unknown: [] });
  });

  it("stores Prisma's checksum format (SHA-256 of the file) so `prisma migrate status` agrees", async () => {
    const all = await loadMigrations();
    await applyMigrations(db);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`);
    for (const m of all) {
      const row = rows.find((r) => r.migration_name === m.name);
      expect(row?.checksum).toBe(createHash("sha256").update(m.sql).digest("hex"));
      expect(row?.finished_at).not.toBeNull();
    }
  });

  it("refuses to run when an applied migration was modified, and applies nothing else", async () => {
    const all = await loadMigrations();
    await applyMigrations(db);
    const first = all[0]!;
    const edited = { ...first, sql: `${first.sql}\n-- edited`, checksum: createHash("sha256").update(`${first.sql}\n-- edited`).digest("hex") };
    const next = migration("99990101000000_after_edit", `CREATE TABLE "rr_after_edit" (id int)`);

    expect((await migrationStatus(db, [edited, ...all.slice(1)])).modified).toEqual([first.name]);
    await expect(applyMigrations(db, [edited, ...all.slice(1), next])).rejects.toThrow(
      new RegExp(`Migrations were changed after they were applied: ${first.name}.*Create a new migration`),
    );
    expect(await tableExists("rr_after_edit")).toBe(false);
    expect(await recorded()).not.toContain(next.name);
  });

  it("rolls a failing migration back entirely and does not record it", async () => {
    const all = await loadMigrations();
    await applyMigrations(db);
    const broken = migration(
      "99990101000000_broken",
      `CREATE TABLE "rr_half_done" (id int PRIMARY KEY);
       INSERT INTO "rr_half_done" VALUES (1);
       SELECT 1 / 0;`,
    );
    const after = migration("99990102000000_after_broken", `CREATE TABLE "rr_after_broken" (id int)`);

    await expect(applyMigrations(db, [...all, broken, after])).rejects.toThrow(/Migration 99990101000000_broken failed: .*division by zero/);
    expect(await tableExists("rr_half_done")).toBe(false);
    expect(await tableExists("rr_after_broken")).toBe(false);
    expect(await recorded()).toEqual(all.map((m) => m.name));
    expect((await migrationStatus(db, [...all, broken, after])).pending).toEqual([broken.name, after.name]);

    // The session is usable afterwards (not stuck in an aborted transaction, lock released), and a fixed migration applies.
    const fixed = migration(broken.name, `CREATE TABLE "rr_half_done" (id int PRIMARY KEY)`);
    expect(await applyMigrations(db, [...all, fixed, after])).toEqual([fixed.name, after.name]);
    expect(await tableExists("rr_half_done")).toBe(true);
    expect(await tableExists("rr_after_broken")).toBe(true);
  });

  it("keeps earlier migrations of the same run when a later one fails", async () => {
    const all = await loadMigrations();
    const good = migration("99990101000000_good", `CREATE TABLE "rr_good" (id int)`);
    const bad = migration("99990102000000_bad", `CREATE TABLE "rr_bad" (id int); CREATE TABLE "rr_bad" (id int);`);
    await expect(applyMigrations(db, [...all, good, bad])).rejects.toThrow(/Migration 99990102000000_bad failed/);
    expect(await tableExists("rr_good")).toBe(true);
    expect(await tableExists("rr_bad")).toBe(false);
    expect(await recorded()).toEqual([...all.map((m) => m.name), good.name]);
  });

  it("reports migrations the database has that the folder does not", async () => {
    const all = await loadMigrations();
    const extra = migration("99990101000000_from_a_newer_build", `CREATE TABLE "rr_newer" (id int)`);
    await applyMigrations(db, [...all, extra]);
    const status = await migrationStatus(db, all);
    expect(status.unknown).toEqual([extra.name]);
    expect(status.pending).toEqual([]);
  });
});
