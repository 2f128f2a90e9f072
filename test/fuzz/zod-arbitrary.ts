/**
 * fast-check arbitraries generated from zod 4 schemas, by walking
 * `schema._zod.def`: values the schema accepts (nearly always; see below), to
 * be sent as they are or mutated by test/fuzz/http-inputs.ts.
 *
 * - Strings honour min/max length, trim/case overwrites, regexes (with
 *   `fc.stringMatching`) and the formats the API uses (email, url, ISO date
 *   and date-time, through the format's own pattern where zod has one).
 * - Numbers honour bounds, `int`/safe-integer formats and finiteness, and
 *   reach the ends of their range, not just small values.
 * - Objects, arrays, records, enums, literals, unions, optional / nullable /
 *   default and pipes are walked. A pipe into a transform is generated from
 *   its input; a pipe of string schemas merges their checks; a string split
 *   into a list (`"a,b"` → array) is generated as the joined list.
 * - Refinements (`.refine`, `.superRefine`) cannot be inverted: a schema node
 *   that has one is filtered through the node itself, so its acceptance rate
 *   must stay reasonable (test/fuzz/zod-arbitrary.test.ts checks every
 *   operation's schemas).
 * - `overrides` supplies arbitraries for schema nodes a transform validates
 *   (an embed origin parsed with `new URL`), by identity.
 *
 * `mode: "query"` produces what a URL query carries: every leaf a string.
 */
import fc from "fast-check";
import type { z } from "zod";

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypeDef & Record<string, unknown>;
type CheckDef = { check: string } & Record<string, unknown>;

export interface ArbitraryOptions {
  mode?: "json" | "query";
  /** Arbitraries for particular schema nodes (by identity), used instead of walking them. */
  overrides?: ReadonlyMap<unknown, fc.Arbitrary<unknown>>;
  /** The longest array generated, whatever the schema allows (the schema's minimum wins). */
  maxArrayLength?: number;
}

const def = (schema: Schema) => schema._zod.def as Def;
const checksOf = (schema: Schema): CheckDef[] => ((def(schema).checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def);

/** The arbitrary for `schema`: values it accepts. Throws on a schema type it does not know, so a new one is noticed. */
export function zodArbitrary(schema: Schema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const cache = new Map<Schema, fc.Arbitrary<unknown>>();
  const walk = (s: Schema): fc.Arbitrary<unknown> => {
    const override = options.overrides?.get(s);
    if (override) return override;
    let arb = cache.get(s);
    if (!arb) {
      arb = build(s, walk, options);
      // A refinement is checked by the node that has it.
      if (checksOf(s).some((c) => c.check === "custom")) {
        const node = s as z.ZodType;
        const base = arb;
        arb = base.filter((v) => node.safeParse(v).success);
      }
      cache.set(s, arb);
    }
    return arb;
  };
  return walk(schema);
}

function build(schema: Schema, walk: (s: Schema) => fc.Arbitrary<unknown>, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const d = def(schema);
  const query = options.mode === "query";
  switch (d.type) {
    case "string":
      return stringArbitrary(collectString(schema));
    case "number": {
      const numbers = numberArbitrary(schema);
      return query ? numbers.map(String) : numbers;
    }
    case "boolean":
      return query ? fc.constantFrom("true", "false") : fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(d.entries as Record<string, string | number>)).map((v) => (query ? String(v) : v));
    case "literal":
      return fc.constantFrom(...(d.values as unknown[])).map((v) => (query ? String(v) : v));
    case "null":
      return fc.constant(null);
    case "undefined":
      return fc.constant(undefined);
    case "unknown":
    case "any":
      return fc.jsonValue({ maxDepth: 2 });
    case "date":
      return fc.date({ noInvalidDate: true });
    case "nullable":
      return fc.option(walk(d.innerType as Schema), { nil: null, freq: 4 });
    case "optional":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return walk(d.innerType as Schema);
    case "lazy":
      return fc.constant(null).chain(() => walk((d.getter as () => Schema)()));
    case "array": {
      const { min, max } = lengthBounds(schema);
      const cap = Math.max(min, Math.min(max, options.maxArrayLength ?? 4));
      return fc.array(walk(d.element as Schema), { minLength: min, maxLength: cap });
    }
    case "record": {
      const keys = walk(d.keyType as Schema) as fc.Arbitrary<string>;
      return fc.dictionary(keys, walk(d.valueType as Schema), { maxKeys: 4, noNullPrototype: true });
    }
    case "object": {
      const shape = d.shape as Record<string, Schema>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        model[key] = walk(value);
        if (!acceptsUndefined(value)) required.push(key);
      }
      return fc.record(model, { requiredKeys: required, noNullPrototype: true });
    }
    case "union":
      return fc.oneof(...(d.options as Schema[]).map(walk));
    case "intersection":
      throw new Error("zodArbitrary: intersections are not generated (none in the API's inputs).");
    case "pipe":
      return pipeArbitrary(schema, walk);
    default:
      throw new Error(`zodArbitrary: no generator for zod type "${d.type}".`);
  }
}

/** Whether an object key may be left out: optional, or with a default. */
function acceptsUndefined(schema: Schema): boolean {
  const d = def(schema);
  if (d.type === "optional" || d.type === "default" || d.type === "prefault") return true;
  if (d.type === "pipe") return acceptsUndefined(d.in as Schema);
  if (d.type === "nullable" || d.type === "readonly" || d.type === "catch") return acceptsUndefined(d.innerType as Schema);
  return false;
}

function pipeArbitrary(schema: Schema, walk: (s: Schema) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const d = def(schema);
  const input = d.in as Schema;
  const output = d.out as Schema;
  // `.transform(fn)`: any input the input schema takes.
  if (def(output).type === "transform") return walk(input);
  // Strings piped into stricter strings (`name.pipe(z.string().max(300))`, trim + lower-case into z.email()): one string meeting every check.
  if (isStringChain(input) && isStringChain(output)) return stringArbitrary(collectString(schema));
  // A comma-separated list: a string split into an array, then validated as the array.
  const inner = def(input);
  if (inner.type === "pipe" && def(inner.in as Schema).type === "string" && def(inner.out as Schema).type === "transform" && def(output).type === "array") {
    return (walk(output) as fc.Arbitrary<unknown[]>).map((list) => list.map(String).join(","));
  }
  return walk(input);
}

function isStringChain(schema: Schema): boolean {
  const d = def(schema);
  if (d.type === "string") return true;
  return d.type === "pipe" && isStringChain(d.in as Schema) && isStringChain(d.out as Schema);
}

// ───────────────────────────── strings ─────────────────────────────

export interface StringSpec {
  min: number;
  max: number;
  patterns: RegExp[];
  format?: string;
  /** For `format: "url"`: the protocol the URL must have. */
  protocol?: RegExp;
  overwrites: ((value: string) => string)[];
}

/** The checks of a string schema, or of strings piped into strings, merged. */
export function collectString(schema: Schema, spec: StringSpec = { min: 0, max: Infinity, patterns: [], overwrites: [] }): StringSpec {
  const d = def(schema);
  if (d.type === "pipe") {
    collectString(d.in as Schema, spec);
    return collectString(d.out as Schema, spec);
  }
  if (typeof d.format === "string") {
    spec.format = d.format;
    if (d.pattern instanceof RegExp) spec.patterns.push(d.pattern);
    if (d.protocol instanceof RegExp) spec.protocol = d.protocol;
  }
  for (const check of checksOf(schema)) {
    if (check.check === "min_length") spec.min = Math.max(spec.min, check.minimum as number);
    else if (check.check === "max_length") spec.max = Math.min(spec.max, check.maximum as number);
    else if (check.check === "length_equals") spec.min = spec.max = check.length as number;
    else if (check.check === "string_format" && check.pattern instanceof RegExp) spec.patterns.push(check.pattern);
    else if (check.check === "overwrite") spec.overwrites.push(check.tx as (value: string) => string);
  }
  return spec;
}

/**
 * fast-check's `stringMatching` takes neither lookaheads nor the `i` flag:
 * lookaheads are dropped for generation (the result is checked against the
 * whole regex afterwards), and a case-insensitive regex is generated as it is
 * written, then in mixed case.
 */
function matching(pattern: RegExp): fc.Arbitrary<string> {
  const source = pattern.source.replace(/\(\?[=!](?:[^()\\]|\\.)*\)/g, "");
  const strings = fc.stringMatching(new RegExp(source, pattern.flags.replace(/[gi]/g, "")));
  return pattern.flags.includes("i") ? fc.mixedCase(strings) : strings;
}

/** Characters a valid string is made of: printable ASCII, accents, CJK, emoji, spaces. */
const textUnit = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.constantFrom("é", "ü", "ß", "中", "文", "Ω", "😀", "👩‍💻", "ا", "\u200b", " ", "\t", "\n") },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
);
/** What a string schema takes without saying so, put into one string in twenty: control characters, NUL, lone surrogates. */
const ODD_CHARACTERS = ["\u0000", "\u0001", "\u001f", "\u007f", "\ud800", "\udfff", "\ufffe", "\u2028"];

/**
 * `length` characters from a wide range (CJK, 3 bytes each in UTF-8),
 * pseudo-random from `seed`: text that does not compress. Past 20,000
 * characters the block repeats, which keeps megabyte strings cheap.
 */
export function varied(length: number, seed: number): string {
  let x = seed >>> 0 || 1;
  const codes: number[] = [];
  for (let i = 0; i < Math.min(length, 20_000); i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    codes.push(0x4e00 + ((x >>> 16) % 20_000));
  }
  const block = String.fromCharCode(...codes);
  return block.length >= length ? block : block.repeat(Math.ceil(length / block.length)).slice(0, length);
}

function stringArbitrary(spec: StringSpec): fc.Arbitrary<string> {
  const max = Number.isFinite(spec.max) ? spec.max : 10_000;
  const min = spec.min;
  let base: fc.Arbitrary<string>;
  if (spec.format === "url") {
    base = fc.webUrl({ validSchemes: ["https", "http"], withQueryParameters: true, withFragments: true }).filter((u) => !spec.protocol || spec.protocol.test(new URL(u).protocol.slice(0, -1)));
  } else if (spec.patterns.length > 0) {
    base = matching(spec.patterns[0]!);
  } else {
    const small = Math.min(max, Math.max(min, 24));
    const text = fc.string({ unit: textUnit, minLength: min, maxLength: small });
    base = fc.oneof(
      { weight: 19, arbitrary: text },
      { weight: 1, arbitrary: fc.tuple(text, fc.constantFrom(...ODD_CHARACTERS), fc.nat()).map(([t, c, at]) => `${t.slice(0, at % (t.length + 1))}${c}${t.slice(at % (t.length + 1))}`) },
      // Long strings, up to the limit: one repeated character (cheap), or varied characters that do not compress (as a database index would see them).
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min, max }), fc.constantFrom("a", "é", "中", "-")).map(([n, c]) => c.repeat(n)) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min, max }), fc.nat()).map(([n, seed]) => varied(n, seed)) },
    );
  }
  const patterns = spec.patterns.map((p) => new RegExp(p.source, p.flags.replace("g", "")));
  return base.map((value) => spec.overwrites.reduce((v, tx) => tx(v), value)).filter((value) => value.length >= min && value.length <= spec.max && patterns.every((p) => p.test(value)));
}

// ───────────────────────────── numbers ─────────────────────────────

const INT_FORMATS = new Set(["safeint", "int32", "uint32"]);

export interface NumberSpec {
  min: number;
  max: number;
  minExcluded: boolean;
  maxExcluded: boolean;
  int: boolean;
  multipleOf?: number;
}

export function collectNumber(schema: Schema): NumberSpec {
  const d = def(schema);
  const spec: NumberSpec = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, minExcluded: false, maxExcluded: false, int: typeof d.format === "string" && INT_FORMATS.has(d.format) };
  for (const check of checksOf(schema)) {
    if (check.check === "greater_than" && (check.value as number) >= spec.min) {
      spec.min = check.value as number;
      spec.minExcluded = !check.inclusive;
    } else if (check.check === "less_than" && (check.value as number) <= spec.max) {
      spec.max = check.value as number;
      spec.maxExcluded = !check.inclusive;
    } else if (check.check === "number_format" && INT_FORMATS.has(check.format as string)) spec.int = true;
    else if (check.check === "multiple_of") spec.multipleOf = check.value as number;
  }
  if (spec.int) {
    spec.min = Math.max(Math.ceil(spec.min + (spec.minExcluded ? 1 : 0)), Number.MIN_SAFE_INTEGER);
    spec.max = Math.min(Math.floor(spec.max - (spec.maxExcluded ? 1 : 0)), Number.MAX_SAFE_INTEGER);
    spec.minExcluded = spec.maxExcluded = false;
  }
  return spec;
}

function numberArbitrary(schema: Schema): fc.Arbitrary<number> {
  const spec = collectNumber(schema);
  if (spec.multipleOf !== undefined) throw new Error("zodArbitrary: multipleOf is not generated (none in the API's inputs).");
  if (spec.int) {
    const { min, max } = spec;
    const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
    // The whole range, to its ends: values past 32 bits included where the schema takes them.
    const whole = fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
    const ends = fc.constantFrom(min, max);
    return Math.max(min, -1000) <= Math.min(max, 1000)
      ? fc.oneof({ weight: 6, arbitrary: small }, { weight: 2, arbitrary: whole }, { weight: 1, arbitrary: ends })
      : fc.oneof(whole, ends);
  }
  return fc.double({ min: spec.min, max: spec.max, minExcluded: spec.minExcluded, maxExcluded: spec.maxExcluded, noNaN: true, noDefaultInfinity: true });
}

function lengthBounds(schema: Schema): { min: number; max: number } {
  let min = 0;
  let max = Infinity;
  for (const check of checksOf(schema)) {
    if (check.check === "min_length") min = Math.max(min, check.minimum as number);
    else if (check.check === "max_length") max = Math.min(max, check.maximum as number);
    else if (check.check === "length_equals") min = max = check.length as number;
  }
  return { min, max };
}
