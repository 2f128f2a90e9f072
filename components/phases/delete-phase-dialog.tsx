"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import type { PhaseOutput } from "@/lib/validation/phase";
import { useDeletePhase } from "./use-phases";

interface Props {
  workspace: string;
  project: string;
  phase: PhaseOutput | null;
  phases: PhaseOutput[];
  onClose: () => void;
  onDeleted: (phase: PhaseOutput) => void;
}

function DeleteConfirmation({ workspace, project, phase, phases, onClose, onDeleted }: Props & { phase: PhaseOutput }) {
  const remove = useDeletePhase(workspace, project);
  const dependents = phases.filter((p) => p.dependsOn.includes(phase.id)).map((p) => p.name);
  const items = phase.progress.total;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!remove.isPending) remove.mutate(phase.id, { onSuccess: () => onDeleted(phase) });
      }}
    >
      <FormError error={remove.error} />
      <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-300">
        <li>
          {items === 0
            ? "It has no items."
            : `Its ${items} ${items === 1 ? "item stays" : "items stay"} in the register with no phase.`}
        </li>
        {dependents.length ? (
          <li>
            {dependents.join(", ")} {dependents.length === 1 ? "depends" : "depend"} on it and will no longer.
          </li>
        ) : null}
      </ul>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="danger" pending={remove.isPending}>Delete phase</Button>
      </div>
    </form>
  );
}

/** Confirms deleting a phase, saying what happens to its items and to the phases after it. */
export function DeletePhaseDialog(props: Props) {
  const { phase, onClose } = props;
  return (
    <Dialog open={phase !== null} onClose={onClose} title={phase ? `Delete ${phase.name}?` : "Delete phase?"} description="This cannot be undone.">
      {phase ? <DeleteConfirmation key={phase.id} {...props} phase={phase} /> : null}
    </Dialog>
  );
}
