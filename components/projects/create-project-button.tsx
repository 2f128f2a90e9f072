"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";
import { toSlug } from "@/lib/validation/common";

function suggestPrefix(name: string): string {
  const words = name.toUpperCase().replace(/[^A-Z0-9 ]/g, " ").split(/\s+/).filter(Boolean);
  const initials = words.length > 1 ? words.map((w) => w[0]).join("") : (words[0] ?? "");
  return initials.slice(0, 4).padEnd(2, "X").replace(/^[0-9]/, "P");
}

export function CreateProjectButton({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [keyPrefix, setKeyPrefix] = useState("");
  const [touched, setTouched] = useState({ slug: false, keyPrefix: false });
  const mutation = useMutation({
    mutationFn: (body: { name: string; slug: string; keyPrefix: string; description: string }) =>
      api<{ slug: string }>(`/api/v1/workspaces/${workspace}/projects`, { method: "POST", body }),
    onSuccess: (project) => {
      setOpen(false);
      router.push(`/${workspace}/projects/${project.slug}`);
      router.refresh();
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const [description, setDescription] = useState("");

  return (
    <>
      <Button onClick={() => { mutation.reset(); setOpen(true); }}>
        <Plus aria-hidden className="size-4" /> New project
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New project" description="A project holds one release's register, phases, boards and gates.">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!mutation.isPending) mutation.mutate({ name, slug, keyPrefix, description });
          }}
        >
          <FormError error={mutation.error} fields={["name", "slug", "keyPrefix", "description"]} />
          <Field label="Name" error={error?.fieldError("name")}>
            {(p) => (
              <input
                {...p}
                className={inputClass}
                value={name}
                required
                maxLength={120}
                autoFocus
                onChange={(e) => {
                  setName(e.target.value);
                  if (!touched.slug) setSlug(toSlug(e.target.value));
                  if (!touched.keyPrefix) setKeyPrefix(suggestPrefix(e.target.value));
                }}
              />
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="URL" hint={`/${workspace}/projects/${slug || "…"}`} error={error?.fieldError("slug")}>
              {(p) => <input {...p} className={inputClass} value={slug} required onChange={(e) => { setTouched((t) => ({ ...t, slug: true })); setSlug(e.target.value); }} />}
            </Field>
            <Field label="Item key prefix" hint={`Items are numbered ${keyPrefix || "KEY"}-1, ${keyPrefix || "KEY"}-2…`} error={error?.fieldError("keyPrefix")}>
              {(p) => <input {...p} className={`${inputClass} uppercase`} value={keyPrefix} required maxLength={10} onChange={(e) => { setTouched((t) => ({ ...t, keyPrefix: true })); setKeyPrefix(e.target.value.toUpperCase()); }} />}
            </Field>
          </div>
          <Field label="Description" hint="Optional. What is being released, and for whom.">
            {(p) => <textarea {...p} className={inputClass} rows={3} value={description} maxLength={5000} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" pending={mutation.isPending}>Create project</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
