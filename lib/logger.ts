import type { Logger } from "pino";
import { observability } from "./observability/runtime.mjs";

/**
 * Structured JSON logs (pino), one object per line on stdout, with secrets
 * redacted by key and by shape (lib/observability/runtime.mjs). Errors are
 * logged with their stack here, and never sent to a client. Call as
 * `logger.info({ fields }, "message")`.
 */
export const logger: Logger = observability().logger;
