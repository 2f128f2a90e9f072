import NextAuth from "next-auth";
import { authAdapter } from "@/lib/db/global/auth-adapter";
import { joinWorkspacesByEmailDomain } from "@/lib/db/global/identity";
import { logger } from "@/lib/logger";
import { nonSsoSignIn } from "@/lib/sso/enforcement";
import { secureCookies, sessionCookieName } from "./cookies";
import { configuredProviders } from "./providers";
import { authSecret } from "./secret";
import { sessionPolicy } from "./session-policy";

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: authAdapter(),
  providers: configuredProviders(),
  secret: authSecret(),
  trustHost: true,
  // The absolute timeout: the session's row and cookie end then, never extended (updateAge = maxAge); the idle timeout is the adapter's.
  session: { strategy: "database", maxAge: sessionPolicy().absoluteMs / 1000, updateAge: sessionPolicy().absoluteMs / 1000 },
  pages: { signIn: "/signin", error: "/signin" },
  useSecureCookies: secureCookies(),
  cookies: {
    sessionToken: {
      name: sessionCookieName(),
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() },
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      // An identity provider that says the address is unverified does not get to claim it.
      if (profile && profile.email_verified === false) return false;
      if (!user.email) return false;
      // A workspace that enforces its own SSO for this domain admits its people only through it (owners excepted).
      const decision = await nonSsoSignIn(user.email, account?.provider ?? "unknown");
      return decision.allowed ? true : decision.redirectTo;
    },
    session({ session, user }) {
      session.user.id = user.id;
      return session;
    },
  },
  events: {
    async signIn({ user }) {
      if (user.id && user.email) {
        const joined = await joinWorkspacesByEmailDomain(user.id, user.email);
        if (joined.length) logger.info({ userId: user.id, workspaces: joined }, "joined workspaces by email domain");
      }
    },
  },
}));
