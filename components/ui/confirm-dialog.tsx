"use client";

import { Button } from "./button";
import { Dialog } from "./dialog";
import { FormError } from "./form-error";

/** Asks before an action that cannot be taken back; its failure is shown in the dialog, and its button cannot be pressed twice. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  danger = true,
  pending,
  error,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <div className="space-y-4">
        <FormError error={error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
          <Button variant={danger ? "danger" : "primary"} pending={pending} onClick={() => !pending && onConfirm()}>{confirmLabel}</Button>
        </div>
      </div>
    </Dialog>
  );
}
