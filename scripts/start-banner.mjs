/** What `npm start` prints about signing in. */
const PROVIDER_VARS = [
  ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID"],
  ["AUTH_OKTA_ISSUER", "AUTH_OKTA_ID"],
  ["AUTH_MICROSOFT_ENTRA_ID_ISSUER", "AUTH_MICROSOFT_ENTRA_ID_ID"],
  ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
];

export function demoSignIn(operatorNodeEnv, embedded) {
  const sso = PROVIDER_VARS.some((vars) => vars.every((v) => process.env[v]?.trim()));
  if (sso) return "Sign in with your organisation's single sign-on.";
  if (embedded && operatorNodeEnv !== "production") {
    return [
      "Demo sign-in (no SSO provider is configured): open the sign-in page and pick a user —",
      "  Olivia Owner (owner) · Max Member (member) · Vera Viewer (viewer)",
      "They belong to the workspace 'demo'. Configure an SSO provider to turn demo sign-in off (README: Configuration).",
    ].join("\n");
  }
  return "No sign-in method is configured: set an SSO provider (README: Configuration).";
}
