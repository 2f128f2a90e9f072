"use server";

import { signIn, signOut } from "./config";
import { configuredProviders } from "./providers";
import { safeCallbackPath } from "@/lib/http/redirects";

export async function signInWithProvider(formData: FormData) {
  const provider = String(formData.get("provider") ?? "");
  const known = configuredProviders().map((p) => (typeof p === "function" ? p() : p).id);
  if (!known.includes(provider)) return;
  await signIn(provider, { redirectTo: safeCallbackPath(String(formData.get("callbackUrl") ?? "/")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}
