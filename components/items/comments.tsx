"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MessageSquare } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { formatDateTime, formatRelative } from "./format";
import { Markdown } from "./markdown";
import { Section } from "./section";
import { itemApi } from "./use-project-data";
import { useNow } from "./use-now";

export interface CommentDto {
  id: string;
  body: string;
  createdAt: string;
  author: { id: string; name: string } | null;
}

function AddCommentForm({ url, onAdded }: { url: string; onAdded: () => Promise<void> }) {
  const [body, setBody] = useState("");
  const [preview, setPreview] = useState(false);
  const add = useMutation({
    mutationFn: () => api<CommentDto>(url, { method: "POST", body: { body: body.trim() } }),
    onSuccess: async () => {
      setBody("");
      setPreview(false);
      await onAdded();
    },
  });
  const error = add.error instanceof ApiError ? add.error : null;
  return (
    <form
      className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault();
        if (!add.isPending && body.trim()) add.mutate();
      }}
    >
      <FormError error={add.error} fields={["body"]} />
      {preview ? (
        <div className="space-y-1.5">
          <p className="text-sm font-medium">Preview</p>
          <div className="min-h-20 rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
            {body.trim() ? <Markdown>{body}</Markdown> : <p className="text-sm text-zinc-400">Nothing to preview.</p>}
          </div>
        </div>
      ) : (
        <Field label="Add a comment" hint="Markdown is supported." error={error?.fieldError("body")}>
          {(p) => (
            <textarea
              {...p}
              className={inputClass}
              rows={3}
              value={body}
              maxLength={20_000}
              onChange={(e) => setBody(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
            />
          )}
        </Field>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={() => setPreview((v) => !v)}>{preview ? "Write" : "Preview"}</Button>
        <Button type="submit" size="sm" pending={add.isPending} disabled={!body.trim()}>
          <MessageSquare aria-hidden className="size-4" /> Comment
        </Button>
      </div>
    </form>
  );
}

export function CommentsSection({ workspace, project, itemKey, canEdit }: { workspace: string; project: string; itemKey: string; canEdit: boolean }) {
  const client = useQueryClient();
  const now = useNow();
  const url = `${itemApi(workspace, project, itemKey)}/comments`;
  const key = queryKeys.itemPart(workspace, project, itemKey, "comments");
  const comments = useQuery({ queryKey: key, queryFn: () => api<{ data: CommentDto[] }>(url) });
  const list = comments.data ? [...comments.data.data].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : [];

  return (
    <Section id="comments" title="Comments">
      {comments.isPending ? (
        <div className="space-y-3" role="status" aria-label="Loading comments">
          <Skeleton className="h-16" />
        </div>
      ) : comments.isError ? (
        <div className="space-y-2">
          <Alert title="Comments could not be loaded.">{comments.error instanceof ApiError ? comments.error.message : "Something went wrong."}</Alert>
          <Button variant="secondary" size="sm" pending={comments.isFetching} onClick={() => void comments.refetch()}>Retry</Button>
        </div>
      ) : list.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No comments yet.</p>
      ) : (
        <ol className="space-y-5">
          {list.map((comment) => {
            const name = comment.author?.name ?? "Former member";
            return (
              <li key={comment.id} className="flex gap-3">
                <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold dark:bg-zinc-700">
                  {name.slice(0, 1).toUpperCase()}
                </span>
                <article className="min-w-0 flex-1" aria-label={`Comment by ${name}`}>
                  <p className="mb-1 text-xs text-zinc-500 dark:text-zinc-400">
                    <span className="font-medium text-zinc-800 dark:text-zinc-200">{name}</span> ·{" "}
                    <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>{formatRelative(comment.createdAt, now)}</time>
                  </p>
                  <Markdown>{comment.body}</Markdown>
                </article>
              </li>
            );
          })}
        </ol>
      )}
      {canEdit ? (
        <div className="mt-4">
          <AddCommentForm
            url={url}
            // The item's key prefixes its evidence, comments and activity: one invalidation refreshes them all.
            onAdded={() => client.invalidateQueries({ queryKey: queryKeys.item(workspace, project, itemKey) })}
          />
        </div>
      ) : null}
    </Section>
  );
}
