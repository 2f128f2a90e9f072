import { z } from "zod";

/** Saved views' input is `savedViewInput` in ./item (the register's filters are items'). */
export const savedViewSurface = z.enum(["register", "board"]);

export const savedViewQuery = z.strictObject({ surface: savedViewSurface.optional().meta({ description: "Only the views of this surface." }) });

export const savedViewOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    surface: savedViewSurface,
    query: z.string().meta({ description: "The register's filters as a URL query string." }),
    shared: z.boolean().meta({ description: "Shared with the workspace, or personal." }),
    mine: z.boolean().meta({ description: "The caller created it." }),
  })
  .meta({ id: "SavedView" });
