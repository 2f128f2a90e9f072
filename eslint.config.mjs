import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

/**
 * Tenant scoping is enforced here (STYLE.md "Tenant scoping"): only lib/db/
 * may reach the raw Prisma client. Everything else uses the scoped client in
 * ctx.db or one of the narrow accessors in lib/db/global/.
 */
const rawClientBan = {
  patterns: [
    {
      group: ["@/lib/db/client", "**/lib/db/client", "../client", "./client"],
      importNames: ["rawDb", "database"],
      message: "The raw database client is for lib/db/ only. Use ctx.db (scoped to the workspace) or an accessor in lib/db/global/.",
    },
    {
      group: ["@/lib/generated/prisma/client", "**/lib/generated/prisma/client", "@prisma/client", "@prisma/client/*"],
      importNames: ["PrismaClient"],
      message: "Do not construct Prisma clients outside lib/db/.",
    },
  ],
};

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", ".readyroom/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...coreWebVitals,
  ...typescript,
  {
    rules: {
      "no-restricted-imports": ["error", rawClientBan],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["test/**", "**/*.test.ts", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["lib/db/**"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
