"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * Scalar's API reference for a document passed in (no fetch). Everything it
 * could load from elsewhere is off: fonts (the app's own are used), the
 * request proxy, telemetry, the hosted client and the AI chat; "Test request" calls this
 * deployment directly with the caller's API key.
 */
export function ApiReference({ document }: { document: object }) {
  return (
    <ApiReferenceReact
      configuration={{
        content: document,
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        hideDarkModeToggle: true,
        theme: "default",
        layout: "modern",
        persistAuth: false,
        documentDownloadType: "json",
        showDeveloperTools: "never",
        agent: { disabled: true },
      }}
    />
  );
}
