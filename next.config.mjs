/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
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
