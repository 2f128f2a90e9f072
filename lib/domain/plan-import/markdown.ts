/**
 * Markdown → mdast with remark (GFM, YAML front matter) in linear time. Pure.
 *
 * micromark's document tokenizer copies its whole event list each time a
 * container (list, block quote) closes, so one parse of a large plan is
 * quadratic: 1 MB of plan took over 5 s. An ATX heading written at the start
 * of a line closes every open block except a fenced code block and an HTML
 * block, so the source is cut before such headings into chunks of about
 * `chunkChars`, each parsed alone, and the trees are joined with their
 * positions moved. The result is the tree of the whole-document parse (a
 * property test compares them):
 *
 * - no cut inside the front matter, or inside a fence as far as a line scan
 *   can tell;
 * - a chunk whose last block is a fence without its closing line, or an HTML
 *   block (it may still be open), is joined to the next one and parsed again;
 * - link definitions count for the whole document: a chunk is parsed after
 *   stub definitions of the labels other chunks define (only those its text
 *   could refer to), and the stubs are dropped.
 */
import type { Nodes, Root, RootContent } from "mdast";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";

/**
 * The parts of GitHub-flavoured Markdown a plan's meaning depends on: task
 * lists (`- [x]`), tables (tables of work) and strikethrough. Autolink
 * literals and footnotes are left out: they change no field a plan maps to
 * (a bare URL is not a file), and autolink literals alone cost a third of
 * the parse (bench/README.md).
 */
function remarkPlanGfm(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTaskListItem(), gfmTable(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown(), gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown());
}

export const markdownProcessor = unified().use(remarkParse).use(remarkPlanGfm).use(remarkFrontmatter, ["yaml"]);

/** Measured on the 1 MB benchmark plan: 4,000 parses fastest (smaller chunks pay remark's set-up per parse, larger ones the quadratic copy). */
const DEFAULT_CHUNK_CHARS = 4_000;

interface Point {
  line: number;
  column: number;
  offset?: number;
}

interface Chunk {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
}

const HEADING_LINE = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** Offsets (and 1-based lines) where a line starts that opens an ATX heading outside front matter and fences. */
function headingStarts(source: string): { offset: number; line: number }[] {
  const starts: { offset: number; line: number }[] = [];
  let fence: { char: string; length: number } | null = null;
  let frontMatter = /^---[ \t]*\r?\n/.test(source);
  let offset = 0;
  for (let line = 1; offset < source.length; line++) {
    const newline = source.indexOf("\n", offset);
    const next = newline === -1 ? source.length : newline + 1;
    const text = source.slice(offset, newline === -1 ? source.length : newline).replace(/\r$/, "");
    if (frontMatter) {
      // The front matter ends at its closing `---`; one that never closes is no front matter, but nothing is cut then.
      if (line > 1 && /^---[ \t]*$/.test(text)) frontMatter = false;
    } else if (fence) {
      const close = text.match(FENCE_CLOSE);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
    } else {
      const open = text.match(FENCE_OPEN);
      if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) fence = { char: open[1]![0]!, length: open[1]!.length };
      else if (HEADING_LINE.test(text) && offset > 0) starts.push({ offset, line });
    }
    offset = next;
  }
  return starts;
}

function chunksOf(source: string, chunkChars: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { start: 0, end: source.length, line: 1 };
  for (const cut of headingStarts(source)) {
    if (cut.offset - current.start < chunkChars) continue;
    chunks.push({ ...current, end: cut.offset });
    current = { start: cut.offset, end: source.length, line: cut.line };
  }
  chunks.push(current);
  return chunks;
}

function childrenOf(node: Nodes): Nodes[] | null {
  return "children" in node ? (node.children as Nodes[]) : null;
}

/** The last block of a tree, descending into containers (lists, items, block quotes). */
function lastBlock(root: Root): Nodes | null {
  let node: Nodes | undefined = root.children.at(-1);
  while (node && (node.type === "list" || node.type === "listItem" || node.type === "blockquote")) {
    const last: Nodes | undefined = childrenOf(node)?.at(-1);
    if (!last) break;
    node = last;
  }
  return node ?? null;
}

/** Whether the heading after `text` may belong to a block still open at its end. */
function endsOpen(root: Root, text: string): boolean {
  const last = lastBlock(root);
  if (!last) return false;
  if (last.type === "html") return true;
  if (last.type !== "code" || last.position?.start.offset === undefined || last.position.end.offset === undefined) return false;
  const raw = text.slice(last.position.start.offset, last.position.end.offset);
  const lines = raw.split("\n").map((l) => l.replace(/\r$/, ""));
  const open = lines[0]!.trimStart().match(/^(`{3,}|~{3,})/);
  if (!open) return false; // indented code: a line at the margin ends it
  if (lines.length < 2) return true;
  const close = lines.at(-1)!.replace(/^[\s>]*/, "").match(FENCE_CLOSE);
  return !(close && close[1]![0] === open[1]![0] && close[1]!.length >= open[1]!.length);
}

function definitionLabels(root: Root): string[] {
  const labels: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === "definition") labels.push(node.label ?? node.identifier);
    for (const child of childrenOf(node) ?? []) visit(child);
  };
  visit(root);
  return labels;
}

/** Whether `text` could refer to `label`: labels match ignoring case and runs of whitespace, so only a plain ASCII label is looked for. */
function mayRefer(lowerText: string, label: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(label)) return true;
  return lowerText.includes(label.toLowerCase());
}

function moved(point: Point, offset: number, lines: number): Point {
  return { line: point.line + lines, column: point.column, ...(point.offset === undefined ? {} : { offset: point.offset + offset }) };
}

function shift(point: Point, offset: number, lines: number) {
  point.line += lines;
  if (point.offset !== undefined) point.offset += offset;
}

/** Moves a chunk's positions to the whole document's, in place (every node has its own point objects). */
function move(node: Nodes, offset: number, lines: number) {
  if (node.position) {
    shift(node.position.start, offset, lines);
    shift(node.position.end, offset, lines);
  }
  for (const child of childrenOf(node) ?? []) move(child, offset, lines);
}

interface ParsedChunk {
  chunk: Chunk;
  text: string;
  root: Root;
}

function parseChunks(source: string, chunkChars: number): ParsedChunk[] {
  const parsed: ParsedChunk[] = [];
  const pending = chunksOf(source, chunkChars);
  while (pending.length) {
    let chunk = pending.shift()!;
    let text = source.slice(chunk.start, chunk.end);
    let root = markdownProcessor.parse(text) as Root;
    while (pending.length && endsOpen(root, text)) {
      chunk = { ...chunk, end: pending.shift()!.end };
      text = source.slice(chunk.start, chunk.end);
      root = markdownProcessor.parse(text) as Root;
    }
    parsed.push({ chunk, text, root });
  }
  return parsed;
}

/** Where the definitions standing in for other chunks' go: after the front matter, which only counts at the very start of the text. */
function stubOffset(root: Root, text: string): number {
  const first = root.children[0];
  const end = first?.type === "yaml" ? first.position?.end.offset : undefined;
  if (end === undefined) return 0;
  const newline = text.indexOf("\n", end);
  return newline === -1 ? text.length : newline + 1;
}

/** Parses Markdown as remark does (GFM, YAML front matter), in time linear in its length. Never throws on text. */
export function parseMarkdown(source: string, { chunkChars = DEFAULT_CHUNK_CHARS }: { chunkChars?: number } = {}): Root {
  if (source.length <= chunkChars) return markdownProcessor.parse(source) as Root;
  const parsed = parseChunks(source, chunkChars);
  if (parsed.length === 1) return parsed[0]!.root;

  const labels = parsed.map((p) => definitionLabels(p.root));
  const children: RootContent[] = [];
  for (const [index, { chunk, text, root: first }] of parsed.entries()) {
    let root = first;
    let stub = "";
    const lower = text.toLowerCase();
    const own = labels[index]!;
    const others = new Set(labels.flatMap((l, i) => (i === index ? [] : l)).filter((label) => !own.includes(label) && mayRefer(lower, label)));
    const at = stubOffset(first, text);
    if (others.size && at < text.length) {
      stub = [...others].map((label) => `[${label}]: #`).join("\n\n") + "\n\n";
      root = markdownProcessor.parse(text.slice(0, at) + stub + text.slice(at)) as Root;
    }
    const stubLines = stub ? stub.split("\n").length - 1 : 0;
    for (const node of root.children) {
      const start = node.position?.start.offset ?? at + stub.length;
      if (start < at) move(node, chunk.start, chunk.line - 1);
      else if (start < at + stub.length) continue;
      else move(node, chunk.start - stub.length, chunk.line - 1 - stubLines);
      children.push(node);
    }
  }
  const last = parsed.at(-1)!;
  const end = last.root.position ? moved(last.root.position.end, last.chunk.start, last.chunk.line - 1) : undefined;
  return { type: "root", children, ...(end ? { position: { start: { line: 1, column: 1, offset: 0 }, end } } : {}) };
}
