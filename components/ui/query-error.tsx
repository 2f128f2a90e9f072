"use client";

import { RotateCw } from "lucide-react";
import { ApiError } from "@/lib/client/api";
import { Alert } from "./alert";
import { Button } from "./button";

/** A query that failed, shown in place with its request id and a way to try again. */
export function QueryError({ title, error, isFetching, onRetry }: { title: string; error: unknown; isFetching: boolean; onRetry: () => void }) {
  return (
    <div className="space-y-3">
      <Alert title={title} requestId={error instanceof ApiError ? error.requestId : undefined}>
        {error instanceof Error ? error.message : "Something went wrong. Try again."}
      </Alert>
      <div className="flex justify-end">
        <Button variant="secondary" pending={isFetching} onClick={onRetry}>
          <RotateCw aria-hidden className="size-4" /> Try again
        </Button>
      </div>
    </div>
  );
}
