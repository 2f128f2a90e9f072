import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, null, source));

describe("Markdown", () => {
  it("renders GitHub-flavoured Markdown", () => {
    const html = render("**bold** and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~ https://example.com");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<table>");
    expect(html).toContain('type="checkbox"');
    expect(html).toContain("<del>gone</del>");
    expect(html).toContain('href="https://example.com"');
  });

  it("never renders raw HTML", () => {
    const html = render('<script>steal()</script>\n\n<img src=x onerror="steal()">\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onerror");
    expect(html).not.toContain("<iframe");
    expect(html).not.toContain("<img");
  });

  it("drops dangerous link targets and opens links safely", () => {
    const html = render("[click](javascript:steal()) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.com)");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text/html");
    expect(html).toMatch(/<a href="https:\/\/example.com" target="_blank" rel="noopener noreferrer nofollow ugc">ok<\/a>/);
  });

  it("keeps user headings below the page's own", () => {
    const html = render("# Title\n\n## Sub");
    expect(html).not.toMatch(/<h[12][ >]/);
    expect(html).toContain("<h3");
    expect(html).toContain("<h4");
  });
});
