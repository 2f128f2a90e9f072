export const REQUEST_ID_HEADER = "x-request-id";

const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a well-formed incoming id (from a load balancer), otherwise makes a new one. */
export function resolveRequestId(incoming: string | null | undefined): string {
  if (incoming && VALID.test(incoming)) return incoming;
  return crypto.randomUUID();
}
