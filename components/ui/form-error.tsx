import { ApiError } from "@/lib/client/api";
import { Alert } from "./alert";

/** A failed request shown in place; the request id appears only for server-side failures. */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    if (!error.isFormLevel(fields)) return null;
    return <Alert requestId={error.status >= 500 ? error.requestId : undefined}>{error.message}</Alert>;
  }
  return <Alert>Something went wrong. Try again.</Alert>;
}
