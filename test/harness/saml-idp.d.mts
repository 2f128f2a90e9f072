export const IDP_KEYS: { key: string; cert: string };
export const OTHER_KEYS: { key: string; cert: string };
export function readAuthnRequest(url: string): { id: string; issuer: string; acsUrl: string; xml: string };
export interface TestSamlIdp {
  entityId: string;
  metadata: string;
  respond(input: { spMetadata: string; requestId: string; email: string; keys?: { key: string; cert: string } }): Promise<string>;
}
export function createSamlIdp(options?: { entityId?: string; ssoUrl?: string }): TestSamlIdp;
export function tamper(samlResponse: string, from: string, to: string): string;
