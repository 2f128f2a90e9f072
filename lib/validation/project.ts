import { z } from "zod";
import { name, slug, timestamp } from "./common";

export const keyPrefix = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, "must be 2–10 letters or digits, starting with a letter");

export const createProjectInput = z.strictObject({
  slug,
  name,
  description: z.string().max(5000).default(""),
  keyPrefix,
});
export type CreateProjectInput = z.infer<typeof createProjectInput>;

export const updateProjectInput = z
  .strictObject({ name: name.optional(), slug: slug.optional(), description: z.string().max(5000).optional() })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;

export const projectOutput = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  keyPrefix: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
}).meta({ id: "Project" });
