export interface TestDnsServer {
  port: number;
  /** The value for READYROOM_DNS_SERVERS. */
  server: string;
  setTxt(name: string, values: string[]): void;
  clear(): void;
  close(): Promise<void>;
}
export function startDnsServer(options?: { port?: number; address?: string }): Promise<TestDnsServer>;
