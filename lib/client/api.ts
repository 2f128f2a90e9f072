/**
 * The browser's way to call /api/v1: JSON in and out, and the one error shape
 * turned into an ApiError the UI can show in place.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message for one form field, when the server named it. */
  fieldError(field: string): string | undefined {
    if (Array.isArray(this.details)) {
      return (this.details as { path?: string; message?: string }[]).find((d) => d.path === field)?.message;
    }
    const named = (this.details as { field?: unknown } | undefined)?.field;
    return named === field ? this.message : undefined;
  }

  /** True when the error belongs to none of `fields` and must be shown for the whole form. */
  isFormLevel(fields: string[]): boolean {
    return fields.every((f) => !this.fieldError(f));
  }
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network_error", "Readyroom could not be reached. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as
    | { error?: { code: string; message: string; requestId?: string; details?: unknown } }
    | null;
  if (!response.ok) {
    const error = payload?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "internal_error",
      error?.message ?? `The request failed (${response.status}).`,
      error?.requestId ?? response.headers.get("x-request-id") ?? undefined,
      error?.details,
    );
  }
  return payload as T;
}
