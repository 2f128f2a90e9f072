import type { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";
import type { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface RequestFields {
  requestId?: string;
  userId?: string;
  workspaceId?: string;
  apiKeyId?: string;
}

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status_code">;
  httpInFlight: Gauge;
  draining: Gauge;
  dbQueries: Counter;
  dbQueryDuration: Histogram;
}

export interface Observability {
  logger: Logger;
  metrics: Metrics;
  requests: AsyncLocalStorage<RequestFields>;
}

export const REDACT_PATHS: string[];
export function environmentSecrets(env?: Record<string, string | undefined>): string[];
export function scrub(line: string, secrets: readonly string[]): string;
export function logLevel(env?: Record<string, string | undefined>): string;
export function createLogger(options?: { env?: Record<string, string | undefined>; destination?: { write(line: string): unknown } }): Logger;
export function observability(): Observability;
export function annotateRequest(fields: RequestFields): void;
export function routeMatcher(manifest: { staticRoutes?: { page: string; regex: string }[]; dynamicRoutes?: { page: string; regex: string }[] } | null): (pathname: string) => string;
