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

type ErrorPayload = { error?: { code: string; message: string; requestId?: string; details?: unknown } } | null;

function toApiError(status: number, payload: ErrorPayload, requestIdHeader: string | null): ApiError {
  const error = payload?.error;
  return new ApiError(
    status,
    error?.code ?? "internal_error",
    error?.message ?? `The request failed (${status}).`,
    error?.requestId ?? requestIdHeader ?? undefined,
    error?.details,
  );
}

const NETWORK_ERROR = "Readyroom could not be reached. Check your connection and try again.";

export interface ApiInit {
  method?: string;
  body?: unknown;
  /** Called as the request body goes out, with the fraction sent (0–1): for large uploads. */
  onUploadProgress?: (fraction: number) => void;
}

export async function api<T = unknown>(path: string, init: ApiInit = {}): Promise<T> {
  if (init.onUploadProgress) return withUploadProgress<T>(path, init, init.onUploadProgress);
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network_error", NETWORK_ERROR);
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as ErrorPayload;
  if (!response.ok) throw toApiError(response.status, payload, response.headers.get("x-request-id"));
  return payload as T;
}

/** The same call through XMLHttpRequest, the one browser API that reports upload progress. */
function withUploadProgress<T>(path: string, init: ApiInit, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(init.method ?? "GET", path);
    request.withCredentials = true;
    if (init.body !== undefined) request.setRequestHeader("content-type", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => onProgress(1);
    request.onerror = () => reject(new ApiError(0, "network_error", NETWORK_ERROR));
    request.onload = () => {
      if (request.status === 204) return resolve(undefined as T);
      let payload: ErrorPayload = null;
      try {
        payload = JSON.parse(request.responseText) as ErrorPayload;
      } catch {
        payload = null;
      }
      if (request.status < 200 || request.status >= 300) reject(toApiError(request.status, payload, request.getResponseHeader("x-request-id")));
      else resolve(payload as T);
    };
    request.send(init.body === undefined ? null : JSON.stringify(init.body));
  });
}
