import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The lint rule of docs/decisions/0001-tenant-scoping.md: the raw client stays in lib/db/. */
const root = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: root });

async function restrictedImports(code: string, file: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports");
}

describe("raw database client lint rule", () => {
  it("fails a service that imports the raw client", async () => {
    const messages = await restrictedImports('import { rawDb } from "@/lib/db/client";\nexport const x = rawDb;\n', "lib/services/projects/leak.ts");
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain("lib/db/ only");
  });

  it("fails a route that constructs a Prisma client", async () => {
    const messages = await restrictedImports('import { PrismaClient } from "@/lib/generated/prisma/client";\nexport const db = new PrismaClient();\n', "app/api/v1/leak/route.ts");
    expect(messages).toHaveLength(1);
  });

  it("allows lib/db/ itself and type-only enum imports elsewhere", async () => {
    expect(await restrictedImports('import { rawDb } from "./client";\nexport const x = rawDb;\n', "lib/db/global/example.ts")).toHaveLength(0);
    expect(await restrictedImports('import type { Role } from "@/lib/generated/prisma/enums";\nexport type R = Role;\n', "lib/services/x.ts")).toHaveLength(0);
  });
}, 60_000);
