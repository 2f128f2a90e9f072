/** The public origin of this deployment: AUTH_URL when set, else the request's own. */
export function appOrigin(req: Request): string {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  return configured ? new URL(configured).origin : new URL(req.url).origin;
}

export function invitationUrl(req: Request, token: string): string {
  return `${appOrigin(req)}/invite/${token}`;
}
