import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Field, inlineSelectClass } from "@/components/ui/field";
import type { LiveState } from "@/lib/client/use-project-events";
import { GROUP_FIELDS, GROUP_LABELS, type GroupField } from "./board-model";
import { LiveIndicator } from "./live-indicator";

interface ToolbarProps {
  group: GroupField;
  lanes: GroupField | null;
  onGroup: (group: GroupField) => void;
  onLanes: (lanes: GroupField | null) => void;
  /** Names of the register filters in effect. */
  filters: string[];
  onClearFilters: () => void;
  /** The register with the same filters, where they are edited. */
  registerHref: string;
  live: LiveState;
  /** The viewer cannot move cards. */
  readOnly: boolean;
}

const NO_LANES = "none";

/** Group by, Swimlanes, the filters in effect and the live indicator. */
export function BoardToolbar({ group, lanes, onGroup, onLanes, filters, onClearFilters, registerHref, live, readOnly }: ToolbarProps) {
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Group by">
          {(props) => (
            <select {...props} className={inlineSelectClass} value={group} onChange={(e) => onGroup(e.target.value as GroupField)}>
              {GROUP_FIELDS.map((field) => (
                <option key={field} value={field}>
                  {GROUP_LABELS[field]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Swimlanes">
          {(props) => (
            <select
              {...props}
              className={inlineSelectClass}
              value={lanes ?? NO_LANES}
              onChange={(e) => onLanes(e.target.value === NO_LANES ? null : (e.target.value as GroupField))}
            >
              <option value={NO_LANES}>None</option>
              {GROUP_FIELDS.filter((field) => field !== group).map((field) => (
                <option key={field} value={field}>
                  {GROUP_LABELS[field]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="ml-auto flex items-center gap-3 pb-2">
          {readOnly ? <Badge>View only</Badge> : null}
          <LiveIndicator state={live} />
        </div>
      </div>
      {filters.length ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span>Filtered by {filters.join(", ")}.</span>
          <button type="button" onClick={onClearFilters} className="font-medium text-brand-600 hover:underline dark:text-brand-100">
            Clear filters
          </button>
          <Link href={registerHref} className="font-medium text-brand-600 hover:underline dark:text-brand-100">
            Edit filters in the register
          </Link>
        </p>
      ) : null}
    </div>
  );
}
