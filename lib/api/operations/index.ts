/** Every /api/v1 operation, by area. A test holds this list equal to the route handlers under app/api/v1. */
import type { ApiOperation } from "@/lib/api/openapi/operation";
import { GATE_OPERATIONS } from "./gates";
import { ITEM_OPERATIONS } from "./items";
import { META_OPERATIONS } from "./meta";
import { PROJECT_OPERATIONS } from "./projects";
import { SSO_OPERATIONS } from "./sso";
import { ACCOUNT_OPERATIONS, WORKSPACE_OPERATIONS } from "./workspaces";

export const API_OPERATIONS: readonly ApiOperation[] = [...META_OPERATIONS, ...ACCOUNT_OPERATIONS, ...WORKSPACE_OPERATIONS, ...SSO_OPERATIONS, ...PROJECT_OPERATIONS, ...ITEM_OPERATIONS, ...GATE_OPERATIONS];
