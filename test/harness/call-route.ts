import { requestState } from "./request-state";

export type As = { user: { id: string; email: string } } | { apiKey: string } | null;

type Handler = (req: Request, context: { params: Promise<any> }) => Promise<Response>;

export interface RouteResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** The body as text, before JSON parsing (for an event stream: its first chunk). */
  text: string;
}

/** An event stream never ends: its first chunk is read, then the stream is cancelled as a client going away would. */
async function readText(response: Response): Promise<string> {
  if (!response.headers.get("content-type")?.startsWith("text/event-stream") || !response.body) return response.text();
  const reader = response.body.getReader();
  const first = await reader.read();
  await reader.cancel();
  return first.value ? new TextDecoder().decode(first.value) : "";
}

/**
 * Calls a route handler the way Next.js would: a Request, a params promise,
 * and the caller's session or API key. `rawBody` is sent as it is: text, or
 * bytes (which need not be valid UTF-8). `contentType: null` sends a body
 * without a content type.
 */
export async function callRoute<T = any>(
  handler: Handler | undefined,
  options: {
    method?: string;
    url?: string;
    params?: Record<string, string>;
    body?: unknown;
    rawBody?: string | Uint8Array;
    contentType?: string | null;
    as: As;
    headers?: Record<string, string>;
  },
): Promise<RouteResult<T>> {
  if (!handler) throw new Error("The route does not export this method.");
  const headers = new Headers(options.headers);
  if ((options.body !== undefined || options.rawBody !== undefined) && options.contentType !== null) headers.set("content-type", options.contentType ?? "application/json");
  if (options.as && "apiKey" in options.as) headers.set("authorization", `Bearer ${options.as.apiKey}`);
  requestState.headers = headers;
  requestState.session =
    options.as && "user" in options.as ? { user: options.as.user, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
  const method = options.method ?? "GET";
  const request = new Request(`http://localhost:3000${options.url ?? "/api/test"}`, {
    method,
    headers,
    body: (options.rawBody as BodyInit | undefined) ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await readText(response);
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body: body as T, headers: response.headers, text };
}
