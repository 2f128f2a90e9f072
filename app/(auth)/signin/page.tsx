import { Building2, KeyRound, UserRound } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { NativeForm, NativeSubmitButton } from "@/components/ui/native-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInWithProvider } from "@/lib/auth/actions";
import { currentCaller } from "@/lib/auth/caller";
import { DEMO_USERS, demoSignInEnabled } from "@/lib/auth/demo";
import { providerList } from "@/lib/auth/providers";
import { safeCallbackPath } from "@/lib/http/redirects";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: "This email is already linked to another sign-in method. Use the one you used before.",
  AccessDenied: "Your identity provider did not allow this sign-in, or your email address is not verified.",
  Verification: "The sign-in link is no longer valid.",
  Configuration: "Sign-in is misconfigured on this server. Tell your administrator.",
  RateLimited: "Too many sign-in attempts from your network. Wait a few minutes, then try again.",
  DemoNotSeeded: "The demo users are not in the database yet. Run `npm run readyroom -- seed --demo`, then try again.",
  SsoInvalidEmail: "Enter your work email address, such as you@company.com.",
  SsoNotConfigured: "No single sign-on is set up for this email domain. Sign in another way, or ask your workspace admin to connect your identity provider.",
  SsoUnavailable: "Your company's identity provider could not be reached. Try again in a minute, or tell your workspace admin.",
  SsoExpired: "The sign-in took too long or was started in another browser. Start again.",
  SsoFailed: "Your identity provider's answer could not be accepted. Try again, or tell your workspace admin.",
  SsoRequired: "Your company requires you to sign in with its single sign-on. Continue with SSO below.",
  SsoWrongDomain: "Your identity provider signed you in with an address outside the domains it may sign in for. Ask your workspace admin.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; email?: string }> }) {
  const { callbackUrl: rawCallback, error, email } = await searchParams;
  const callbackUrl = safeCallbackPath(rawCallback);
  const caller = await currentCaller().catch(() => null);
  if (caller?.type === "user") redirect(callbackUrl);
  const providers = providerList();
  const demo = demoSignInEnabled();

  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight">Sign in to Readyroom</h1>
      <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">Release readiness for your team, from findings to a recorded Go / No-Go.</p>
      {error ? <Alert className="mt-5">{ERRORS[error] ?? "Sign-in failed. Try again."}</Alert> : null}

      <NativeForm method="post" action="/api/auth/sso" className="mt-6 space-y-3" aria-labelledby="sso-heading">
        <h2 id="sso-heading" className="sr-only">Single sign-on</h2>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field label="Work email" hint="We send you to your company's identity provider.">
          {(p) => <input {...p} name="email" type="email" required autoComplete="email" maxLength={254} defaultValue={typeof email === "string" ? email : ""} placeholder="you@company.com" className={inputClass} />}
        </Field>
        <NativeSubmitButton className="w-full">
          <Building2 aria-hidden className="size-4" /> Continue with SSO
        </NativeSubmitButton>
      </NativeForm>

      {providers.length > 0 || demo ? (
        <div className="mt-6 flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400" aria-hidden>
          <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          or
          <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ) : null}

      {providers.length > 0 ? (
        <div className="mt-6 space-y-3">
          {providers.map((provider) => (
            <form key={provider.id} action={signInWithProvider}>
              <input type="hidden" name="provider" value={provider.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <SubmitButton variant="secondary" className="w-full">
                <KeyRound aria-hidden className="size-4" /> Continue with {provider.name}
              </SubmitButton>
            </form>
          ))}
        </div>
      ) : null}

      {demo ? (
        <section aria-labelledby="demo-heading" className="mt-6">
          <h2 id="demo-heading" className="text-sm font-medium">Demo sign-in</h2>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            No single sign-on is configured, so this local install offers its demo users. This never appears in production.
          </p>
          <ul className="mt-3 space-y-2">
            {DEMO_USERS.map((user) => (
              <li key={user.email}>
                <NativeForm method="post" action="/api/auth/demo">
                  <input type="hidden" name="email" value={user.email} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <NativeSubmitButton variant="secondary" className="h-auto w-full justify-start py-2.5 text-left">
                    <UserRound aria-hidden className="size-4 shrink-0 text-zinc-400" />
                    <span className="min-w-0 flex-1">
                      <span className="block">{user.name}</span>
                      <span className="block truncate text-xs font-normal text-zinc-500 dark:text-zinc-400">{user.email}</span>
                    </span>
                    <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs capitalize text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{user.role}</span>
                  </NativeSubmitButton>
                </NativeForm>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

    </Card>
  );
}
