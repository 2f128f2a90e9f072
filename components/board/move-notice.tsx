import { X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import type { MoveFailure } from "./board-model";

/** Why the last move was undone, shown above the board until dismissed or the next move. */
export function MoveNotice({ failure, onDismiss }: { failure: MoveFailure; onDismiss: () => void }) {
  return (
    <div className="relative">
      <Alert title={failure.title} requestId={failure.requestId} className="pr-10">
        {failure.message}
      </Alert>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss"
        className="absolute right-2 top-2 rounded p-1 text-red-700 hover:bg-red-100 dark:text-red-200 dark:hover:bg-red-900/50"
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
