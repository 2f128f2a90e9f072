import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownProcessor, parseMarkdown } from "./markdown";

const plans = path.join(process.cwd(), "prisma", "seed", "plans");

const whole = (source: string) => markdownProcessor.parse(source);

/** Pieces of Markdown that can keep a block open across a heading, or change what a later chunk means. */
const FRAGMENTS = [
  "# Heading",
  "## Phase 1 — Baseline",
  "### Agent 1A: Database Indices",
  "#",
  "#no-space is text",
  " # indented heading",
  "Paragraph text with `code` and a [link](https://example.com).",
  "- item one\n- item two\n  - nested",
  "1. first\n2. second",
  "- [ ] open task\n- [x] done task",
  "> quoted\n> # heading inside a quote",
  "> lazy paragraph",
  "```bash\n# a comment, not a heading\nnpm test\n```",
  "```\n# unclosed fence",
  "~~~\n# tilde fence\n~~~",
  "````\n```\n# still code\n````",
  "  ```\n# fence indented by two",
  "- item with a fence\n\n  ```\n# ends the item\n  ```",
  "```js `not a fence`",
  "<div>\n# inside html until a blank line\n</div>",
  "<!-- a comment\n# inside the comment\n-->",
  "<pre>\n# preformatted\n</pre>",
  "<details>",
  "[ref]: https://example.com/ref",
  '[Title Ref]: /url "a title"',
  "Uses [ref] and [title ref] and [missing].",
  "A footnote[^1] and another[^note].",
  "[^1]: The footnote.",
  "[^note]: Another\n    with a second paragraph line.",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "Setext heading\n===",
  "---",
  "    indented code\n    # not a heading",
  "Text\r\nwith CRLF\r\n# heading after CRLF",
  "Tab\tseparated\ttext",
  "\u00e9t\u00e9 \ud83d\ude80 unicode",
  "",
];

describe("parseMarkdown (chunked)", () => {
  it("gives the whole-document tree for every fixture plan, however small the chunks", () => {
    for (const file of readdirSync(plans).filter((f) => f.endsWith(".md"))) {
      const source = readFileSync(path.join(plans, file), "utf8");
      const expected = whole(source);
      for (const chunkChars of [1, 200, 2_000]) expect(parseMarkdown(source, { chunkChars }), `${file} at ${chunkChars}`).toEqual(expected);
    }
  });

  it("keeps front matter whole, even when it holds lines that look like headings", () => {
    const source = "---\nname: Plan\n# a YAML comment\ntodos: []\n---\n\n# Plan\n\nText\n\n## Phase 1 — A\n\n- one";
    expect(parseMarkdown(source, { chunkChars: 1 })).toEqual(whole(source));
    expect(parseMarkdown(source, { chunkChars: 1 }).children[0]?.type).toBe("yaml");
  });

  it("keeps front matter first when definitions from other chunks are resolved in its chunk", () => {
    // Found by the generated-Markdown property: the stand-in definitions once went before the front matter and turned it into two rules.
    const source = '---\n---\n# Heading\n[Title Ref]: /url "a title"\n# Heading\nSee [title ref].\n';
    const tree = parseMarkdown(source, { chunkChars: 1 });
    expect(tree).toEqual(whole(source));
    expect(tree.children[0]?.type).toBe("yaml");
  });

  it("resolves references to definitions written in other chunks", () => {
    const source = "# A\n\nSee [ref] and [Other Ref].\n\n# B\n\n[ref]: https://example.com\n\n# C\n\n[other ref]: /url";
    const tree = parseMarkdown(source, { chunkChars: 1 });
    expect(tree).toEqual(whole(source));
    expect(JSON.stringify(tree).match(/"linkReference"/g)).toHaveLength(2);
  });

  it("joins a chunk that ends inside an unclosed fence to the next", () => {
    // The line scan takes the list item's fence to run on to the next ``` line, so it sees "# comment" (inside a real fence) as a heading.
    const source = "# A\n\n- item\n  ```\nafter the item\n\n```\n# comment\n```\n\n# B\n\ntext";
    const tree = parseMarkdown(source, { chunkChars: 1 });
    expect(tree).toEqual(whole(source));
    expect(tree.children.filter((n) => n.type === "heading")).toHaveLength(2);
  });

  it("equals the whole-document parse on generated Markdown", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom("\n", "\n\n", "\n\n\n"), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 300 }),
        (pieces, separators, chunkChars) => {
          const source = pieces.map((p, i) => p + separators[i]!).join("");
          expect(parseMarkdown(source, { chunkChars })).toEqual(whole(source));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("equals the whole-document parse on arbitrary text cut into lines", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("# h", "```", "~~~", "<div>", "[a]: b", "- x", "> y")), { maxLength: 40 }), fc.integer({ min: 1, max: 100 }), (lines, chunkChars) => {
        const source = lines.join("\n");
        expect(parseMarkdown(source, { chunkChars })).toEqual(whole(source));
      }),
      { numRuns: 400 },
    );
  });
});
