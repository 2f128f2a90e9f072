/** Only same-site paths are followed after sign-in: no open redirects. */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value) return "/";
  try {
    const url = new URL(value, "http://readyroom.invalid");
    if (url.origin !== "http://readyroom.invalid") return "/";
    return `${url.pathname}${url.search}${url.hash}` || "/";
  } catch {
    return "/";
  }
}
