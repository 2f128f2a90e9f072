import type { Metadata } from "next";
import { buttonClass } from "@/components/ui/button";
import Link from "next/link";
import { ApiReference } from "@/components/api/api-reference";
import { openApiDocument } from "@/lib/api/openapi/document";

export const metadata: Metadata = { title: "API reference" };

/** The API reference, drawn by Scalar from the same OpenAPI document that /api/v1/openapi.json serves. Public, like the document. */
export default function ApiReferencePage() {
  return (
    <div className="min-h-dvh bg-white dark:bg-zinc-950">
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between border-b border-zinc-200 bg-white/90 px-4 backdrop-blur sm:px-6 dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="flex items-center gap-2">
          <span aria-hidden className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">R</span>
          <span className="font-semibold tracking-tight">Readyroom</span>
          <span className="text-zinc-400">/</span>
          <h1 className="text-sm font-medium text-zinc-700 dark:text-zinc-300">API reference</h1>
        </div>
        <nav className="flex items-center gap-4 text-sm">
          <a href="/api/v1/openapi.json" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            openapi.json
          </a>
          <Link href="/" className={buttonClass("secondary", "sm")}>
            Open Readyroom
          </Link>
        </nav>
      </header>
      <ApiReference document={openApiDocument()} />
    </div>
  );
}
