import path from "node:path";

/** Where the app reads its database settings from. One place, so every entry point agrees. */
export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string | "memory" };

export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  const dir = env.READYROOM_DATA_DIR?.trim();
  if (dir === "memory" || dir === ":memory:") return { kind: "embedded", dataDir: "memory" };
  return { kind: "embedded", dataDir: path.resolve(/*turbopackIgnore: true*/ dir || path.join(".readyroom", "data")) };
}

export function migrationsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.READYROOM_MIGRATIONS_DIR ?? path.join(process.cwd(), "prisma", "migrations"));
}
