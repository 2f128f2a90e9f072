import { describe, expect, it } from "vitest";
import { withErrors } from "./route";

describe("withErrors", () => {
  it("answers 404 to a path segment with a NUL, without running the handler (no slug or id holds one, and the database would refuse it)", async () => {
    let ran = false;
    const handler = withErrors<{ ws: string; rest?: string[] }>(async () => {
      ran = true;
      return Response.json({ ok: true });
    });
    for (const params of [{ ws: "a\u0000b" }, { ws: "ok", rest: ["x", "\u0000"] }]) {
      const res = await handler(new Request("http://localhost/api/v1/workspaces/a%00b"), { params: Promise.resolve(params) });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    expect(ran).toBe(false);
    const ok = await handler(new Request("http://localhost/api/v1/workspaces/ok"), { params: Promise.resolve({ ws: "ok" }) });
    expect(ok.status).toBe(200);
  });
});
