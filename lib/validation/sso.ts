import { z } from "zod";
import { nullableTimestamp, timestamp } from "./common";
import { domainName } from "./workspace";

/** Where the verification record lives and what it says (docs/decisions/0019-enterprise-sso-plan.md). */
export const DOMAIN_CHALLENGE_PREFIX = "_readyroom-challenge";
export const DOMAIN_CHALLENGE_VALUE_PREFIX = "readyroom-domain-verification=";
/** A workspace claims at most this many domains. */
export const MAX_DOMAINS = 20;

export const claimDomainInput = z.strictObject({ domain: domainName });
export type ClaimDomainInput = z.infer<typeof claimDomainInput>;

export const domainOutput = z.object({
  id: z.string(),
  domain: z.string(),
  status: z.enum(["pending", "verified"]),
  verifiedAt: nullableTimestamp,
  lastCheckedAt: nullableTimestamp,
  lastCheckError: z.string().nullable().meta({ description: "Why the last check did not verify the domain." }),
  record: z
    .object({ type: z.literal("TXT"), name: z.string(), value: z.string() })
    .meta({ description: "The DNS record that proves the domain is yours: publish it, then verify." }),
  createdAt: timestamp,
});

export function challengeRecord(domain: string, token: string) {
  return { type: "TXT" as const, name: `${DOMAIN_CHALLENGE_PREFIX}.${domain}`, value: `${DOMAIN_CHALLENGE_VALUE_PREFIX}${token}` };
}

interface DomainRow {
  id: string;
  domain: string;
  token: string;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  lastCheckError: string | null;
  createdAt: Date;
}

/** A domain row as the API shows it: its status and the record to publish. */
export function domainView(row: DomainRow) {
  return domainOutput.parse({ ...row, status: row.verifiedAt ? "verified" : "pending", record: challengeRecord(row.domain, row.token) });
}
