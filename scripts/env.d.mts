/** Types of scripts/env.mjs, for the TypeScript that imports it (its test). */
export interface EnvCheck {
  errors: string[];
  warnings: string[];
}

export interface SsoProvider {
  name: string;
  vars: string[];
  optional: string[];
}

export declare const LOG_LEVELS: readonly string[];
export declare const SSO_PROVIDERS: readonly SsoProvider[];
export declare function validateEnv(env?: Readonly<Record<string, string | undefined>>): EnvCheck;
export declare function assertEnv(env?: Readonly<Record<string, string | undefined>>): EnvCheck;
