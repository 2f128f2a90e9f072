/**
 * The public origin of this deployment: AUTH_URL when set (production), else
 * the origin the browser used, from the Host header.
 */
export function appOrigin(req: Request): string {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(req.url);
  const host = req.headers.get("host");
  return host ? `${url.protocol}//${host}` : url.origin;
}

export function invitationUrl(req: Request, token: string): string {
  return `${appOrigin(req)}/invite/${token}`;
}
