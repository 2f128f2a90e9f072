import Link from "next/link";
import { Fragment } from "react";
import { Alert } from "@/components/ui/alert";
import { itemHref } from "./use-project-data";

/** Why an item cannot be marked done: "Can’t mark done while OCC-3 and OCC-5 are open", each key a link. */
export function BlockedMessage({ workspace, project, keys }: { workspace: string; project: string; keys: string[] }) {
  if (keys.length === 0) return <Alert>Can’t mark done while an item that blocks it is still open.</Alert>;
  return (
    <Alert>
      Can’t mark done while{" "}
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 ? (i === keys.length - 1 ? " and " : ", ") : null}
          <Link href={itemHref(workspace, project, key)} className="font-mono font-medium underline underline-offset-2">
            {key}
          </Link>
        </Fragment>
      ))}{" "}
      {keys.length === 1 ? "is" : "are"} open.
    </Alert>
  );
}
