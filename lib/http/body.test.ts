import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJson, readQuery } from "./body";

const post = (text: string) => new Request("http://localhost/api", { method: "POST", headers: { "content-type": "application/json" }, body: text });

async function refusal(promise: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

describe("input the database cannot store", () => {
  const schema = z.strictObject({ title: z.string(), labels: z.array(z.string()).default([]), mapping: z.record(z.string(), z.string()).optional() });

  it("is a 422 naming the field: NUL or a lone surrogate in a JSON body (written as escapes)", async () => {
    const nul = await refusal(readJson(post('{"title":"a\\u0000b"}'), schema));
    expect(nul).toMatchObject({ code: "validation_failed", message: "Invalid title: must not contain the NUL character (U+0000).", details: [{ path: "title" }] });
    const surrogate = await refusal(readJson(post('{"title":"ok","labels":["x","\\ud800"]}'), schema));
    expect(surrogate).toMatchObject({ code: "validation_failed", details: [{ path: "labels.1", message: "must not contain a lone surrogate (text that is not valid Unicode)" }] });
    const key = await refusal(readJson(post('{"title":"ok","mapping":{"a\\u0000":"b"}}'), schema));
    expect(key.details).toEqual([{ path: "mapping.a\u0000", message: "has a key that contains the NUL character (U+0000)" }]);
    await expect(readJson(post('{"title":"😀 \\ud83d\\ude00"}'), schema)).resolves.toEqual({ title: "😀 😀", labels: [] });
  });

  it("is a 422 naming the parameter in a query string", async () => {
    const query = z.strictObject({ q: z.string().optional() });
    const nul = await refusal(() => readQuery(new Request("http://localhost/api?q=%00"), query));
    expect(nul).toMatchObject({ code: "validation_failed", details: [{ path: "q", message: "must not contain the NUL character (U+0000)" }] });
    expect(readQuery(new Request("http://localhost/api?q=%F0%9F%98%80"), query)).toEqual({ q: "😀" });
  });
});
