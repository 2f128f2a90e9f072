import { database, type DatabaseHandle } from "../client";

/** How the job queue reaches the application's database (lib/jobs/queue.ts). */
export async function queueConnection(): Promise<DatabaseHandle["queueConnection"]> {
  return (await database()).queueConnection;
}
