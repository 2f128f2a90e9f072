import { withWorkspace } from "@/lib/auth/workspace";
import { subscribeToProject } from "@/lib/db/events";
import { getProjectInWorkspace } from "@/lib/services/projects/get-project";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * The project's change stream (Server-Sent Events). Each event carries what
 * changed (`type`, `ref`), never content: clients refetch through the API.
 */
export const GET = withWorkspace<{ ws: string; project: string }>(
  async ({ req, ctx, params }) => {
    const project = await getProjectInWorkspace({ ctx, slug: params.project });
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        send(`retry: 3000\n: connected\n\n`);
        const unsubscribe = await subscribeToProject(project.id, (change) => {
          send(`event: change\ndata: ${JSON.stringify({ type: change.type, ref: change.ref ?? null })}\n\n`);
        });
        const heartbeat = setInterval(() => send(`: heartbeat\n\n`), HEARTBEAT_MS);
        cleanup = () => {
          clearInterval(heartbeat);
          unsubscribe();
          try {
            controller.close();
          } catch {
            // Already closed by the client going away.
          }
        };
        req.signal.addEventListener("abort", () => cleanup());
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
    });
  },
  { permission: "items.read" },
);
