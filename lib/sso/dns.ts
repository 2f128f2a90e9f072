import "server-only";
import { Resolver } from "node:dns/promises";

/**
 * DNS look-ups for domain verification. `READYROOM_DNS_SERVERS` (comma
 * separated, `host` or `host:port`) points the resolver at particular servers;
 * the tests run one on loopback. Unset, the system's resolvers answer.
 */
export function dnsServers(env: Record<string, string | undefined> = process.env): string[] {
  return (env.READYROOM_DNS_SERVERS ?? "")
    .split(",")
    .map((server) => server.trim())
    .filter(Boolean);
}

/** Answers that mean "no such record" rather than "could not ask". */
const NO_RECORD = new Set(["ENODATA", "ENOTFOUND", "NXDOMAIN"]);

export type TxtLookup = { ok: true; values: string[] } | { ok: false; error: string };

/** The TXT values at `name`, each record's strings joined as RFC 7208 §3.3 does. */
export async function lookupTxt(name: string, env: Record<string, string | undefined> = process.env): Promise<TxtLookup> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  const servers = dnsServers(env);
  if (servers.length) resolver.setServers(servers);
  try {
    const records = await resolver.resolveTxt(name);
    return { ok: true, values: records.map((chunks) => chunks.join("")) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (NO_RECORD.has(code)) return { ok: true, values: [] };
    return { ok: false, error: code === "ETIMEOUT" ? "DNS did not answer in time" : `DNS lookup failed (${code || "unknown error"})` };
  }
}
