import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import type { AuditSearchField } from "@/lib/domain/audit/audit-log-search";

export interface AuditFilterOption {
  value: string;
  label: string;
}

interface Props {
  /** The page's path: the form submits to it with GET, so the URL holds the filters. */
  action: string;
  values: Record<AuditSearchField, string>;
  errors: Partial<Record<AuditSearchField, string>>;
  members: AuditFilterOption[];
  apiKeys: AuditFilterOption[];
  /** Actions present in the log. */
  actions: string[];
  targetTypes: string[];
}

/** Keeps a value from the URL selectable when it is not among the options (a former member, an action since gone). */
function withCurrent(options: AuditFilterOption[], current: string, label: (value: string) => string): AuditFilterOption[] {
  return current && !options.some((o) => o.value === current) ? [...options, { value: current, label: label(current) }] : options;
}

/** The audit log's filter bar: a plain GET form (it works without JavaScript), "Apply" and "Clear". */
export function AuditLogFilters({ action, values, errors, members, apiKeys, actions, targetTypes }: Props) {
  const fixedActors = new Set(["", "api-key", "system", ...apiKeys.map((k) => k.value)]);
  const people = fixedActors.has(values.actor) ? members : withCurrent(members, values.actor, (id) => `Former member (${id})`);
  const prefixes = [...new Set(actions.map((a) => a.split(".")[0]!))];
  const listedActions = new Set([...actions, ...prefixes.map((p) => `${p}.`)]);
  const types = withCurrent(targetTypes.map((t) => ({ value: t, label: t })), values.targetType, (t) => t);

  return (
    <Card className="mb-4">
      {/* Keyed by the values, so a soft navigation (Clear, Back) shows the URL's filters, not what was typed. */}
      <form key={JSON.stringify(values)} method="get" action={action} role="search" aria-label="Filter the audit log" className="grid gap-4 p-5 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6 xl:items-start">
        <Field label="Actor" error={errors.actor}>
          {(p) => (
            <select {...p} name="actor" defaultValue={values.actor} className={inputClass}>
              <option value="">Anyone</option>
              {people.length > 0 ? (
                <optgroup label="Members">
                  {people.map((m) => (
                    <option key={m.value} value={m.value}>{m.label}</option>
                  ))}
                </optgroup>
              ) : null}
              <optgroup label="API keys">
                <option value="api-key">Any API key</option>
                {apiKeys.map((k) => (
                  <option key={k.value} value={k.value}>{k.label}</option>
                ))}
              </optgroup>
              <option value="system">System</option>
            </select>
          )}
        </Field>
        <Field label="Action" error={errors.action}>
          {(p) => (
            <select {...p} name="action" defaultValue={values.action} className={inputClass}>
              <option value="">Any action</option>
              {prefixes.map((prefix) => (
                <optgroup key={prefix} label={prefix}>
                  <option value={`${prefix}.`}>Any {prefix}.* action</option>
                  {actions
                    .filter((a) => a.split(".")[0] === prefix)
                    .map((a) => (
                      <option key={a} value={a}>{a}</option>
                    ))}
                </optgroup>
              ))}
              {values.action && !listedActions.has(values.action) ? <option value={values.action}>{values.action}</option> : null}
            </select>
          )}
        </Field>
        <Field label="Object type" error={errors.targetType}>
          {(p) => (
            <select {...p} name="targetType" defaultValue={values.targetType} className={inputClass}>
              <option value="">Any type</option>
              {types.map((t) => (
                <option key={t.value} value={t.value}>{t.label}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Object id" hint="With an object type." error={errors.targetId}>
          {(p) => <input {...p} name="targetId" defaultValue={values.targetId} maxLength={200} placeholder="Any" autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />}
        </Field>
        <Field label="From (UTC)" error={errors.from}>
          {(p) => <input {...p} type="date" name="from" defaultValue={values.from} className={inputClass} />}
        </Field>
        <Field label="To (UTC, inclusive)" error={errors.to}>
          {(p) => <input {...p} type="date" name="to" defaultValue={values.to} className={inputClass} />}
        </Field>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-3 xl:col-span-6">
          <Button type="submit" size="sm">Apply</Button>
          <Link href={action} className={buttonClass("ghost", "sm")}>Clear</Link>
        </div>
      </form>
    </Card>
  );
}
