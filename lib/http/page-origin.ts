import "server-only";
import { headers } from "next/headers";

/** The app's public origin for a page (links and values to copy): AUTH_URL when set, else the request's host. */
export async function pageOrigin(): Promise<string> {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const incoming = await headers();
  return `${incoming.get("x-forwarded-proto") ?? "http"}://${incoming.get("host") ?? "localhost:3000"}`;
}
