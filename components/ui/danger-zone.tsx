"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "./button";
import { Card, CardHeader } from "./card";
import { Dialog } from "./dialog";
import { Field, inputClass } from "./field";
import { FormError } from "./form-error";

interface DangerZoneProps {
  title: string;
  description: string;
  /** What the person must type to confirm (the slug). */
  confirmation: string;
  dialogTitle: string;
  dialogDescription: string;
  onConfirm: () => Promise<unknown>;
  onDone: () => void;
}

/** A destructive action behind a typed confirmation; its failure is shown in the dialog. */
export function DangerZone({ title, description, confirmation, dialogTitle, dialogDescription, onConfirm, onDone }: DangerZoneProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const action = useMutation({ mutationFn: onConfirm, onSuccess: onDone });
  return (
    <>
      <Card className="border-red-200 dark:border-red-900/60">
        <CardHeader title={title} description={description} />
        <div className="flex justify-end p-5">
          <Button variant="danger" onClick={() => { setTyped(""); action.reset(); setOpen(true); }}>{title}</Button>
        </div>
      </Card>
      <Dialog open={open} onClose={() => setOpen(false)} title={dialogTitle} description={dialogDescription}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!action.isPending) action.mutate();
          }}
        >
          <FormError error={action.error} />
          <Field label={`Type ${confirmation} to confirm`}>
            {(p) => <input {...p} className={inputClass} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="danger" pending={action.isPending || action.isSuccess} disabled={typed !== confirmation}>{title}</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
