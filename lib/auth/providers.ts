import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import Okta from "next-auth/providers/okta";

/**
 * SSO providers configured through the environment. A provider is on when all
 * of its variables are set (README "Configuration").
 */
export interface ProviderInfo {
  id: string;
  name: string;
}

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

export function configuredProviders(): Provider[] {
  const providers: Provider[] = [];
  const oidcIssuer = env("AUTH_OIDC_ISSUER");
  const oidcId = env("AUTH_OIDC_ID");
  if (oidcIssuer && oidcId) {
    providers.push({
      id: "oidc",
      name: env("AUTH_OIDC_NAME") ?? "Single sign-on",
      type: "oidc",
      issuer: oidcIssuer,
      clientId: oidcId,
      clientSecret: env("AUTH_OIDC_SECRET"),
      // The workspace's own identity provider vouches for the email address.
      allowDangerousEmailAccountLinking: true,
      checks: ["pkce", "state", "nonce"],
    });
  }
  if (env("AUTH_OKTA_ID") && env("AUTH_OKTA_ISSUER")) {
    providers.push(
      Okta({
        clientId: env("AUTH_OKTA_ID"),
        clientSecret: env("AUTH_OKTA_SECRET"),
        issuer: env("AUTH_OKTA_ISSUER"),
        allowDangerousEmailAccountLinking: true,
      }),
    );
  }
  if (env("AUTH_MICROSOFT_ENTRA_ID_ID") && env("AUTH_MICROSOFT_ENTRA_ID_ISSUER")) {
    providers.push(
      MicrosoftEntraID({
        clientId: env("AUTH_MICROSOFT_ENTRA_ID_ID"),
        clientSecret: env("AUTH_MICROSOFT_ENTRA_ID_SECRET"),
        issuer: env("AUTH_MICROSOFT_ENTRA_ID_ISSUER"),
        allowDangerousEmailAccountLinking: true,
      }),
    );
  }
  if (env("AUTH_GOOGLE_ID") && env("AUTH_GOOGLE_SECRET")) {
    providers.push(Google({ clientId: env("AUTH_GOOGLE_ID"), clientSecret: env("AUTH_GOOGLE_SECRET") }));
  }
  if (env("AUTH_GITHUB_ID") && env("AUTH_GITHUB_SECRET")) {
    providers.push(GitHub({ clientId: env("AUTH_GITHUB_ID"), clientSecret: env("AUTH_GITHUB_SECRET") }));
  }
  return providers;
}

export function providerList(): ProviderInfo[] {
  return configuredProviders().map((p) => {
    const provider = typeof p === "function" ? p() : p;
    return { id: provider.id, name: provider.name };
  });
}
