/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // The build type-checks the app; tests, scripts and e2e are checked by `npm run typecheck` (they are not in the bundle).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Native, WebAssembly and file-system packages stay outside the server bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "proper-lockfile",
    "pg-boss",
    "request-filtering-agent",
    "pino",
    "prom-client",
  ],
};

export default nextConfig;
