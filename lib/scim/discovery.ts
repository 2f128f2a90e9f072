import { MAX_PAGE, SCIM } from "./protocol";

/** The discovery documents (RFC 7644 §4): what this SCIM service supports. */
export function serviceProviderConfig(base: string) {
  return {
    schemas: [SCIM.serviceProviderConfig],
    documentationUri: `${base.replace(/\/api\/scim\/v2$/, "")}/docs/api`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: "oauthbearertoken", name: "Bearer token", description: "The workspace's SCIM token, from Settings → Single sign-on.", primary: true }],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string) {
  const type = (id: "User" | "Group", endpoint: string, schema: string) => ({ schemas: [SCIM.resourceType], id, name: id, endpoint, schema, meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${id}` } });
  return [type("User", "/Users", SCIM.user), type("Group", "/Groups", SCIM.group)];
}

const attribute = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...extra });

export function schemas(base: string) {
  return [
    {
      schemas: [SCIM.schema],
      id: SCIM.user,
      name: "User",
      attributes: [
        attribute("userName", "string", { required: true, uniqueness: "server" }),
        attribute("externalId", "string", { caseExact: true }),
        attribute("name", "complex", { subAttributes: [attribute("givenName", "string"), attribute("familyName", "string"), attribute("formatted", "string", { mutability: "readOnly" })] }),
        attribute("displayName", "string"),
        attribute("active", "boolean"),
        attribute("emails", "complex", { multiValued: true, mutability: "readOnly" }),
        attribute("groups", "complex", { multiValued: true, mutability: "readOnly" }),
      ],
      meta: { resourceType: "Schema", location: `${base}/Schemas/${SCIM.user}` },
    },
    {
      schemas: [SCIM.schema],
      id: SCIM.group,
      name: "Group",
      attributes: [attribute("displayName", "string", { required: true, uniqueness: "server" }), attribute("externalId", "string", { caseExact: true }), attribute("members", "complex", { multiValued: true })],
      meta: { resourceType: "Schema", location: `${base}/Schemas/${SCIM.group}` },
    },
  ];
}
