import { findSamlConnection } from "@/lib/db/global/sso";
import { NotFoundError } from "@/lib/errors";
import { withErrors } from "@/lib/http/route";
import { appOrigin } from "@/lib/http/urls";
import { serviceProviderMetadata } from "@/lib/sso/saml";

/** This SAML connection's service-provider metadata, for the IdP to read: only Readyroom's own URLs, no workspace data. */
export const GET = withErrors<{ id: string }>(async ({ req, params }) => {
  const connection = await findSamlConnection(params.id);
  if (!connection) throw new NotFoundError("Connection");
  return new Response(serviceProviderMetadata(connection, appOrigin(req)), { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8", "cache-control": "public, max-age=300" } });
});
