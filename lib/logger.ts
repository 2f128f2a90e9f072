/**
 * Structured JSON logs on stdout/stderr, one object per line. Errors are logged
 * with their stack here, and never sent to a client.
 */
type Fields = Record<string, unknown>;

function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}

function write(level: "debug" | "info" | "warn" | "error", fields: Fields, msg: string) {
  if (level === "debug" && !process.env.READYROOM_DEBUG) return;
  if (process.env.READYROOM_LOG === "silent") return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...serialise(fields) });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const logger = {
  debug: (fields: Fields, msg: string) => write("debug", fields, msg),
  info: (fields: Fields, msg: string) => write("info", fields, msg),
  warn: (fields: Fields, msg: string) => write("warn", fields, msg),
  error: (fields: Fields, msg: string) => write("error", fields, msg),
};
