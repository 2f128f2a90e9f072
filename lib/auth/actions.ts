"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { safeCallbackPath } from "@/lib/http/redirects";
import { signIn, signOut } from "./config";
import { configuredProviders } from "./providers";
import { limitSignIn, SIGN_IN_RATE_LIMITED } from "./sign-in-limit";

export async function signInWithProvider(formData: FormData) {
  const provider = String(formData.get("provider") ?? "");
  const known = configuredProviders().map((p) => (typeof p === "function" ? p() : p).id);
  if (!known.includes(provider)) return;
  try {
    await limitSignIn(await headers());
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") redirect(`/signin?error=${SIGN_IN_RATE_LIMITED}`);
    throw error;
  }
  await signIn(provider, { redirectTo: safeCallbackPath(String(formData.get("callbackUrl") ?? "/")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}
