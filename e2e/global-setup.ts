/**
 * Refuses to run the end-to-end tests against anything but a local database:
 * they create workspaces and users.
 */
export default function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run end-to-end tests against a non-local database (${host}).`);
  }
}
