/**
 * Requests for the API fuzz (test/fuzz/api-fuzz.integration.test.ts): bodies,
 * query strings and path parameters built from an operation's zod schemas
 * (test/fuzz/zod-arbitrary.ts), mostly valid, then mutated the ways clients
 * and attackers get them wrong: unknown and `__proto__` keys, wrong types,
 * deep nesting, NaN and out-of-range numbers as raw JSON text, very long and
 * hostile strings, invalid UTF-8, malformed JSON, wrong content types,
 * oversized bodies, odd query strings and odd path segments.
 *
 * Each case says whether the server must refuse it (`refusal`): the body is
 * not JSON, too large or not what the schema takes. That mirrors what the
 * route validates with, so a route that skipped validation would be caught.
 */
import fc from "fast-check";
import type { z } from "zod";
import { varied, zodArbitrary, type ArbitraryOptions } from "./zod-arbitrary";

const encoder = new TextEncoder();
const MAX_SHOWN = 300;

const shorten = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} chars)` : text);
const showBytes = (bytes: Uint8Array) => {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, MAX_SHOWN));
  return JSON.stringify(bytes.length > MAX_SHOWN ? `${text}… (${bytes.length} bytes)` : text);
};

// ───────────────────────────── raw JSON text ─────────────────────────────

/**
 * A JSON value under construction in which some parts are raw text: a
 * placeholder string stands for each, and `render` puts the text in after
 * JSON.stringify (which could not write `__proto__` keys, `1e400` or a
 * 10,000-level nesting itself).
 */
class RawJson {
  private readonly raw: string[] = [];
  mark(text: string): string {
    this.raw.push(text);
    return `\u0001RAW${this.raw.length - 1}\u0001`;
  }
  render(value: unknown): string {
    let text = JSON.stringify(value) ?? "";
    this.raw.forEach((raw, i) => {
      text = text.replace(`"\\u0001RAW${i}\\u0001"`, () => raw);
    });
    return text;
  }
}

/** Numbers JSON.parse reads as Infinity, -0, imprecise or out of every integer type, and tokens that are not JSON at all. */
export const RAW_NUMBERS = [
  "1e400", "-1e400", "1e308", "-1e308", "1.7976931348623157e308", "5e-324", "-0", "0.0000000000000000000001",
  "123456789012345678901234567890", "-123456789012345678901234567890", "9007199254740993", "2147483648", "-2147483649", "4294967296", "1E5", "1.0",
  "NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5", "1.", "1e",
];

/** Strings that have broken servers: NUL, lone surrogates, direction overrides, injection payloads, path traversal, very long. */
export const NASTY_STRINGS = [
  "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83dy", "\ufeff", "\u202eabc", "\u200b", "e\u0301\u0301\u0301", "𝕳𝖊𝖑𝖑𝖔", "👩‍👩‍👧‍👦", "\r\n", "\t", "   ", "",
  "null", "undefined", "true", "0", "-1", "NaN", "[]", "{}", "__proto__", "constructor", "toString", "hasOwnProperty",
  "%00", "%", "%zz", "../../../../etc/passwd", "..", "./", "\\\\server\\share", "file:///etc/passwd", "javascript:alert(1)",
  "' OR '1'='1' --", "1; DROP TABLE \"Item\"; --", "$1", "${7*7}", "{{7*7}}", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "@SUM(1)",
  "x".repeat(100_000), "é".repeat(60_001), "😀".repeat(30_000), varied(3_000, 1), varied(70_000, 2),
];

const WRONG_VALUES: readonly unknown[] = [null, true, false, 0, -1, 1.5, "", "x", [], {}, [null], { a: 1 }, "null", "1", [[[]]], { "": "" }];
/** A fresh copy: a later mutation of this case must not change the shared constant (and so every case after it). */
const wrongValue = (pick: number) => structuredClone(WRONG_VALUES[pick % WRONG_VALUES.length]);

const UNKNOWN_KEYS = ["extra", "workspaceId", "id", "role", "isAdmin", "ownerId", "createdAt", "", " ", "a.b", "😀", "\u0000", "__proto__ ", "constructor.prototype"];
const PROTO_KEYS = ["__proto__", "constructor", "prototype"];
const PROTO_VALUES = ['{"isAdmin":true,"role":"owner","polluted":true}', '{"prototype":{"polluted":true}}', "null", '"x"', "[]", "1"];

function deepNesting(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}0${"}".repeat(depth)}`;
}

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container | null;
  key: string | number | null;
  value: unknown;
}

/** Every place in a value, the root included, in a stable order. */
function slots(value: unknown, parent: Container | null = null, key: string | number | null = null, out: Slot[] = []): Slot[] {
  out.push({ parent, key, value });
  if (Array.isArray(value)) value.forEach((v, i) => slots(v, value, i, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) slots(v, value as Record<string, unknown>, k, out);
  return out;
}

export const MUTATIONS = ["dropKey", "unknownKey", "protoKey", "duplicateKey", "wrongType", "rawNumber", "nastyString", "deepNesting", "wrap", "bigArray", "empty"] as const;
type Mutation = (typeof MUTATIONS)[number];
const mutationArb = fc.record({ kind: fc.constantFrom(...MUTATIONS), at: fc.nat(), pick: fc.nat() });

/** Applies mutations to a copy of `value` and returns the JSON text. */
export function mutateJson(value: unknown, mutations: { kind: Mutation; at: number; pick: number }[]): string {
  const raw = new RawJson();
  let root: unknown = structuredClone(value);
  const replace = (slot: Slot, next: unknown) => {
    if (slot.parent === null) root = next;
    else (slot.parent as Record<string | number, unknown>)[slot.key as string | number] = next;
  };
  for (const { kind, at, pick } of mutations) {
    const all = slots(root);
    const objects = all.filter((s) => s.value !== null && typeof s.value === "object" && !Array.isArray(s.value));
    const slot = all[at % all.length]!;
    const object = objects.length ? (objects[at % objects.length]!.value as Record<string, unknown>) : null;
    switch (kind) {
      case "dropKey": {
        const keys = object ? Object.keys(object) : [];
        if (object && keys.length) delete object[keys[pick % keys.length]!];
        break;
      }
      case "unknownKey":
        if (object) object[UNKNOWN_KEYS[pick % UNKNOWN_KEYS.length]!] = wrongValue(pick);
        else replace(slot, { [UNKNOWN_KEYS[pick % UNKNOWN_KEYS.length]!]: slot.value });
        break;
      case "protoKey": {
        // `"__proto__": {...}` written as text: JSON.parse makes it an own key, which a careless merge turns into the prototype.
        const key = raw.mark(JSON.stringify(PROTO_KEYS[pick % PROTO_KEYS.length]));
        const target = object ?? {};
        target[key] = raw.mark(PROTO_VALUES[pick % PROTO_VALUES.length]!);
        if (!object) replace(slot, target);
        break;
      }
      case "duplicateKey": {
        // The same key twice: JSON.parse keeps the last.
        const keys = object ? Object.keys(object) : [];
        if (object && keys.length) object[raw.mark(JSON.stringify(keys[pick % keys.length]))] = wrongValue(pick);
        break;
      }
      case "wrongType":
        replace(slot, wrongValue(pick));
        break;
      case "rawNumber":
        replace(slot, raw.mark(RAW_NUMBERS[pick % RAW_NUMBERS.length]!));
        break;
      case "nastyString":
        replace(slot, NASTY_STRINGS[pick % NASTY_STRINGS.length]);
        break;
      case "deepNesting":
        replace(slot, raw.mark(deepNesting([64, 1_000, 10_000, 100_000][pick % 4]!, pick % 2 ? "array" : "object")));
        break;
      case "wrap":
        replace(slot, pick % 2 ? [slot.value] : { value: slot.value });
        break;
      case "bigArray": {
        // Many copies of a small primitive (a big element, or a shared object a later mutation grows, would make a body of gigabytes).
        const element = Array.isArray(slot.value) ? slot.value[0] : slot.value;
        const small = element !== null && typeof element === "object" ? 0 : typeof element === "string" ? element.slice(0, 64) : (element ?? 0);
        replace(slot, new Array([1_000, 10_000, 100_000][pick % 3]!).fill(small));
        break;
      }
      case "empty":
        replace(slot, pick % 2 ? [] : {});
        break;
    }
  }
  return raw.render(root);
}

// ───────────────────────────── bodies ─────────────────────────────

/** Content types the API reads as JSON (`application/json`, `+json`), and ones it must refuse (415). */
const JSON_TYPES = ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/merge-patch+json", "application/vnd.readyroom+json"];
const OTHER_TYPES: (string | null)[] = [
  null, "", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=----fuzz", "application/xml", "text/json",
  "application/jsonx", "json", "*/*", "application/octet-stream", "text/html", "application/javascript",
];

/** Byte sequences that are not UTF-8: a stray continuation byte, overlong forms, surrogates, past U+10FFFF, truncated sequences. */
const INVALID_UTF8 = [[0xff], [0xfe], [0x80], [0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]];

const MALFORMED = ["", " ", "\n", "{", "}", "[", '{"a":1,}', "{'a':1}", '{"a":1} {"b":2}', "{a:1}", '{"a":undefined}', "/* x */ {}", '{"a":"\u0001"}', '"\\x41"', '"\\u12"', "\u0000", "nul", "tru", '{"a" 1}', "[1,,2]", "\ufeff\ufeff{}"];

export interface BodyCase {
  label: string;
  bytes?: Uint8Array;
  contentType: string | null;
  headers: Record<string, string>;
  /** Why the server must refuse it, or null when the body itself is acceptable. */
  refusal: string | null;
}

function bodyCase(label: string, bytes: Uint8Array | undefined, contentType: string | null, headers: Record<string, string> = {}): Omit<BodyCase, "refusal"> {
  return { label, bytes, contentType, headers };
}

export interface BodyOptions extends ArbitraryOptions {
  /** The route's body limit in bytes. */
  limit: number;
  /** Turns a generated valid body into one that names real things (ids of this workspace) now and then. */
  realize?: (value: unknown, pick: number) => unknown;
}

const bigBodies = new Map<number, Uint8Array>();
/** A JSON body just over `limit` bytes (built once per limit). */
function oversized(limit: number): Uint8Array {
  let bytes = bigBodies.get(limit);
  if (!bytes) {
    const prefix = '{"source":"';
    bytes = encoder.encode(`${prefix}${"a".repeat(limit + 1 - prefix.length)}"}`);
    bigBodies.set(limit, bytes);
  }
  return bytes;
}

function insertBytes(text: string, at: number, bytes: number[]): Uint8Array {
  const encoded = encoder.encode(text);
  // Inside a string literal when there is one: after a quote (in UTF-8 the byte 0x22 is only ever a quote).
  const quotes: number[] = [];
  encoded.forEach((byte, i) => byte === 0x22 && quotes.push(i + 1));
  const position = quotes.length ? quotes[at % quotes.length]! : at % (encoded.length + 1);
  const out = new Uint8Array(encoded.length + bytes.length);
  out.set(encoded.subarray(0, position));
  out.set(bytes, position);
  out.set(encoded.subarray(position), position + bytes.length);
  return out;
}

function formEncoded(value: unknown): string {
  if (!value || typeof value !== "object") return `value=${encodeURIComponent(String(value))}`;
  return new URLSearchParams(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString();
}

/**
 * Request bodies for an operation whose body is `schema`: valid ones and every
 * kind of broken one. Without a schema (a DELETE, a POST that takes no body)
 * the bodies are junk the route must ignore or refuse.
 */
export function bodyArbitrary(schema: z.ZodType | undefined, options: BodyOptions): fc.Arbitrary<BodyCase> {
  const valid = schema ? zodArbitrary(schema, { ...options, mode: "json" }) : fc.jsonValue({ maxDepth: 2 });
  const realized = fc.tuple(valid, fc.nat()).map(([value, pick]) => (options.realize ? options.realize(value, pick) : value));
  const json = (text: string) => encoder.encode(text);
  const jsonType = fc.constantFrom(...JSON_TYPES);
  const cases = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(realized, jsonType).map(([v, type]) => bodyCase("valid", json(JSON.stringify(v)), type)) },
    { weight: 8, arbitrary: fc.tuple(realized, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, m]) => bodyCase(`mutated: ${m.map((x) => x.kind).join(", ")}`, json(mutateJson(v, m)), "application/json")) },
    { weight: 1, arbitrary: fc.constantFrom("null", "[]", '""', "0", "true", '"a string"', "[{}]", "1e400").map((text) => bodyCase("another JSON type", json(text), "application/json")) },
    { weight: 2, arbitrary: fc.tuple(realized, fc.constantFrom(...OTHER_TYPES)).map(([v, type]) => bodyCase(`content type ${JSON.stringify(type)}`, json(type?.includes("form-urlencoded") ? formEncoded(v) : JSON.stringify(v)), type)) },
    { weight: 1, arbitrary: realized.map((v) => bodyCase("multipart", json(`------fuzz\r\nContent-Disposition: form-data; name="body"\r\n\r\n${JSON.stringify(v)}\r\n------fuzz--\r\n`), "multipart/form-data; boundary=----fuzz")) },
    { weight: 2, arbitrary: fc.tuple(realized, fc.nat(), fc.constantFrom(...INVALID_UTF8)).map(([v, at, bytes]) => bodyCase(`invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(" ")}`, insertBytes(JSON.stringify(v), at, bytes), "application/json")) },
    { weight: 1, arbitrary: realized.map((v) => bodyCase("UTF-16", new Uint8Array([0xff, 0xfe, ...[...JSON.stringify(v)].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]), "application/json")) },
    { weight: 1, arbitrary: realized.map((v) => bodyCase("UTF-8 BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...json(JSON.stringify(v))]), "application/json")) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED).map((text) => bodyCase("malformed JSON", json(text), "application/json")) },
    { weight: 1, arbitrary: fc.tuple(realized, fc.nat()).map(([v, at]) => { const text = JSON.stringify(v); return bodyCase("truncated JSON", json(text.slice(0, at % Math.max(1, text.length))), "application/json"); }) },
    { weight: 1, arbitrary: fc.constant(null).map(() => bodyCase("no body", undefined, "application/json")) },
    { weight: 1, arbitrary: fc.constantFrom(1_000, 10_000, 100_000).map((depth) => bodyCase(`nesting ${depth} deep`, json(deepNesting(depth, depth % 2 ? "object" : "array")), "application/json")) },
    { weight: 1, arbitrary: fc.constant(null).map(() => bodyCase("over the size limit", oversized(options.limit), "application/json")) },
    { weight: 1, arbitrary: fc.tuple(realized, fc.constantFrom(String(options.limit * 10), String(Number.MAX_SAFE_INTEGER), "1e400")).map(([v, length]) => bodyCase(`content-length ${length}`, json(JSON.stringify(v)), "application/json", { "content-length": length })) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => bodyCase("random bytes", bytes, "application/json")) },
  );
  return cases.map((c) => withVerdict(c, schema, options.limit));
}

/** Whether the server must refuse this body, judged as the API documents it: JSON content type, size limit, UTF-8 JSON, then the schema. */
function withVerdict(c: Omit<BodyCase, "refusal">, schema: z.ZodType | undefined, limit: number): BodyCase {
  const refusal = ((): string | null => {
    if (!schema) return null;
    if (c.contentType === null || !JSON_TYPES.includes(c.contentType)) return "not a JSON content type";
    const declared = Number(c.headers["content-length"] ?? 0);
    if (declared > limit || (c.bytes?.length ?? 0) > limit) return "over the size limit";
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(c.bytes ?? new Uint8Array()));
    } catch {
      return "not UTF-8 JSON";
    }
    const parsed = schema.safeParse(data);
    return parsed.success ? null : `not what the schema takes: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`;
  })();
  const shown = { ...c, refusal };
  return Object.assign(shown, {
    [fc.toStringMethod]: () => `${c.label} [${c.contentType === null ? "no content type" : c.contentType}] ${c.bytes ? showBytes(c.bytes) : "(no body)"}${Object.keys(c.headers).length ? ` headers ${JSON.stringify(c.headers)}` : ""} → ${refusal ?? "acceptable"}`,
  });
}

// ───────────────────────────── query strings ─────────────────────────────

export interface QueryCase {
  label: string;
  /** The query string, without `?`. */
  search: string;
  /** Why the server must refuse it, or null. */
  refusal: string | null;
}

const ODD_QUERY = [
  "%", "%zz", "a=%", "a=%E0%A4%A", "%00=%00", "q=%FF%FE", "__proto__=1", "__proto__[isAdmin]=true", "constructor=x", "constructor[prototype][polluted]=1", "=x", "&&&", "a&a&a",
  "status[]=open", "limit=1e400", "limit=NaN", "limit=-0", "limit=0x10", "limit=99999999999999999999", "cursor=%00", "q=" + "x".repeat(10_000), "sort=" + "-".repeat(500), "q=%2e%2e%2f",
  "x=😀", "x=\u202e", "q=' OR 1=1 --", "a=1;b=2", "a=1&a=2&a=3",
];

export function queryArbitrary(schema: z.ZodType | undefined, options: ArbitraryOptions & { realize?: (query: Record<string, string>, pick: number) => Record<string, string> } = {}): fc.Arbitrary<QueryCase> {
  const generated: fc.Arbitrary<Record<string, string>> = schema ? (zodArbitrary(schema, { ...options, mode: "query" }) as fc.Arbitrary<Record<string, string>>) : fc.constant({});
  const valid: fc.Arbitrary<Record<string, string>> = fc.tuple(generated, fc.nat()).map(([query, pick]) => (options.realize ? options.realize(query, pick) : query));
  const keys = schema ? Object.keys((schema as unknown as { _zod: { def: { shape?: object; in?: { _zod: { def: { shape?: object } } } } } })._zod.def.shape ?? {}) : [];
  const encode = (entries: [string, string][]) => new URLSearchParams(entries).toString();
  const cases = fc.oneof(
    { weight: 6, arbitrary: valid.map((q) => ({ label: "valid", search: encode(Object.entries(q)) })) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.constantFrom(...(keys.length ? keys : ["x"])), fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 1000), ...RAW_NUMBERS)).map(([q, key, value]) => ({
        label: `odd value for ${key}`,
        search: encode([...Object.entries(q).filter(([k]) => k !== key), [key, value]]),
      })),
    },
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom(...(keys.length ? keys : ["x"])), fc.string()).map(([q, key, value]) => ({ label: `${key} repeated`, search: encode([...Object.entries(q), [key, value], [key, ""]]) })) },
    { weight: 2, arbitrary: fc.tuple(valid, fc.constantFrom(...ODD_QUERY)).map(([q, odd]) => ({ label: "odd query text", search: [encode(Object.entries(q)), odd].filter(Boolean).join("&") })) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).map((text) => ({ label: "random text", search: text.replace(/#/g, "%23") })) },
  );
  return cases.map((c) => {
    let refusal: string | null = null;
    if (schema) {
      // As the route reads it (lib/http/body.ts readQuery): the last value of each name.
      const parsed = schema.safeParse(Object.fromEntries(new URL(`http://localhost/?${c.search}`).searchParams.entries()));
      if (!parsed.success) refusal = `not what the schema takes: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`;
    }
    return Object.assign({ ...c, refusal }, { [fc.toStringMethod]: () => `${c.label}: ?${shorten(c.search)} → ${refusal ?? "acceptable"}` });
  });
}

// ───────────────────────────── path parameters ─────────────────────────────

/** Path segments a router passes through decoded: empty, traversal, NUL, very long, unicode, injection, other casing. */
export const ODD_SEGMENTS = [
  "", " ", "..", "../..", ".", "%00", "\u0000", "a\u0000b", "%2e%2e", "..%2f..%2f", "/", "\\", "x".repeat(201), "x".repeat(10_000), "é中😀", "\ud800", "\u202e",
  "' OR '1'='1", "1; DROP TABLE x", "null", "undefined", "__proto__", "constructor", "NaN", "-1", "0", "1e400", "99999999999999999999", "*", "%", "?a=b", "#x",
];

export type ParamChoice = { kind: "real"; transform: "none" | "upper" | "lower" | "space" } | { kind: "odd"; value: string };

/**
 * The path parameters: in four cases of five all real ids (so requests get
 * past the 404s); otherwise one of them in another casing or odd.
 */
export function paramsArbitrary(names: string[]): fc.Arbitrary<Record<string, ParamChoice>> {
  const real: ParamChoice = { kind: "real", transform: "none" };
  const allReal = Object.fromEntries(names.map((n) => [n, real]));
  if (names.length === 0) return fc.constant(allReal);
  const changed: fc.Arbitrary<ParamChoice> = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom("upper", "lower", "space").map((transform) => ({ kind: "real", transform }) as const) },
    { weight: 3, arbitrary: fc.constantFrom(...ODD_SEGMENTS).map((value) => ({ kind: "odd", value }) as const) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }).map((value) => ({ kind: "odd", value }) as const) },
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(allReal) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), changed).map(([name, choice]) => ({ ...allReal, [name]: choice })) },
  );
}

export function resolveParam(choice: ParamChoice, real: string): string {
  if (choice.kind === "odd") return choice.value;
  if (choice.transform === "upper") return real.toUpperCase();
  if (choice.transform === "lower") return real.toLowerCase();
  if (choice.transform === "space") return ` ${real} `;
  return real;
}

// ───────────────────────────── headers ─────────────────────────────

/** Extra request headers, now and then: idempotency keys (fresh, reused, malformed), request ids, cross-site markers, broken credentials. */
export function headersArbitrary(post: boolean): fc.Arbitrary<Record<string, string>> {
  const idempotency = fc.oneof(
    fc.stringMatching(/^[\x21-\x7e]{1,40}$/),
    fc.constantFrom("fuzz-key-1", "fuzz-key-2"),
    fc.constantFrom("", " ", "has space", "x".repeat(256), "ä", "\t"),
  );
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant({}) },
    { weight: post ? 3 : 0, arbitrary: idempotency.map((key) => ({ "idempotency-key": key })) },
    { weight: 1, arbitrary: fc.constantFrom("../../x", "x".repeat(1_000), "<script>", "a\tb", "short", "ok-request-id-0001").map((id) => ({ "x-request-id": id })) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-origin" }, { origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "x".repeat(300) }) },
    { weight: 1, arbitrary: fc.constantFrom("Bearer ", "Bearer rr_invalid", "Basic YTpi", "Bearer " + "x".repeat(5_000), "bearer", "Bearer rr_" + "A".repeat(40)).map((authorization) => ({ authorization })) },
  );
}
