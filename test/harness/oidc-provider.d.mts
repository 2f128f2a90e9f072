export interface TestOidcProvider {
  issuer: string;
  port: number;
  override(email: string, claims: Record<string, unknown>): void;
  stop(): Promise<void>;
}
export function startOidcProvider(options?: { port?: number }): Promise<TestOidcProvider>;
