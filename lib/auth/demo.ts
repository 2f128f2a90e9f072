import { databaseConfig } from "@/lib/db/config";
import { configuredProviders } from "./providers";

/**
 * Demo sign-in (pick a seeded user, no password) exists only to try Readyroom
 * locally. It is on only when every one of these holds
 * (docs/decisions/0003-demo-sign-in.md):
 *  - no SSO provider is configured;
 *  - the database is the embedded one (production runs on PostgreSQL);
 *  - the server is not production: either `next dev`, or the local launcher
 *    (`npm start`) started with a NODE_ENV other than "production".
 * No single environment variable can switch it on.
 */
export const DEMO_USERS = [
  { email: "olivia.owner@demo.readyroom.dev", name: "Olivia Owner", role: "owner" },
  { email: "max.member@demo.readyroom.dev", name: "Max Member", role: "member" },
  { email: "vera.viewer@demo.readyroom.dev", name: "Vera Viewer", role: "viewer" },
] as const;

interface LauncherMarker {
  operatorNodeEnv: string | undefined;
}

function launcherMarker(): LauncherMarker | undefined {
  return (globalThis as { __readyroomLauncher?: LauncherMarker }).__readyroomLauncher;
}

function isProductionServer(): boolean {
  // Compiled into the bundle: "development" only under `next dev`.
  if (process.env.NODE_ENV !== "production") return false;
  const marker = launcherMarker();
  if (!marker) return true;
  return marker.operatorNodeEnv === "production";
}

export function demoSignInEnabled(): boolean {
  if (configuredProviders().length > 0) return false;
  if (databaseConfig().kind !== "embedded") return false;
  return !isProductionServer();
}

export function isDemoUser(email: string): boolean {
  return DEMO_USERS.some((u) => u.email === email.toLowerCase());
}
