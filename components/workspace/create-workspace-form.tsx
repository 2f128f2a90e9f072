"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { toSlug } from "@/lib/validation/common";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const create = useMutation({
    mutationFn: () => api<{ slug: string }>("/api/v1/workspaces", { method: "POST", body: { name, slug } }),
    onSuccess: (workspace) => {
      router.push(`/${workspace.slug}`);
      router.refresh();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!create.isPending && !create.isSuccess) create.mutate();
      }}
    >
      <FormError error={create.error} fields={["name", "slug"]} />
      <Field label="Workspace name" hint="Usually your company or team." error={error?.fieldError("name")}>
        {(p) => (
          <input
            {...p}
            className={inputClass}
            value={name}
            required
            autoFocus
            maxLength={120}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugTouched) setSlug(toSlug(e.target.value));
            }}
          />
        )}
      </Field>
      <Field label="URL" hint={`readyroom/${slug || "your-team"}`} error={error?.fieldError("slug")}>
        {(p) => <input {...p} className={inputClass} value={slug} required maxLength={40} onChange={(e) => { setSlugTouched(true); setSlug(e.target.value); }} />}
      </Field>
      <Button type="submit" className="w-full" pending={create.isPending || create.isSuccess}>Create workspace</Button>
    </form>
  );
}
