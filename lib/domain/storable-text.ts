/**
 * Text PostgreSQL cannot store. A text or jsonb value cannot hold U+0000
 * (NUL), and jsonb refuses a lone UTF-16 surrogate (`\ud800` without its
 * pair), so a string with either would reach the database and fail there as
 * a 500. Input is checked where it is read (request bodies and queries, and
 * the files an import reads) and refused with a 422 naming the field.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or null when it can. */
export function unstorableReason(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "must not contain a lone surrogate (text that is not valid Unicode)";
  return null;
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

const pathOf = (visit: Visit): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) path.push(v.key);
  return path.reverse();
};

/** The first string or object key in `value`, in document order, that cannot be stored: its path and why; null when there is none. */
export function findUnstorableText(value: unknown): { path: (string | number)[]; reason: string } | null {
  // Iterative, with parent links: a 100,000-deep value neither overflows the stack nor copies paths.
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === "string") {
      const reason = unstorableReason(current);
      if (reason) return { path: pathOf(visit), reason };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: visit });
    } else if (current !== null && typeof current === "object" && isPlain(current)) {
      const entries = Object.entries(current);
      for (const [key] of entries) {
        const reason = unstorableReason(key);
        if (reason) return { path: [...pathOf(visit), key], reason: `has a key that ${reason.replace(/^must not contain/, "contains")}` };
      }
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: visit });
    }
  }
  return null;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
