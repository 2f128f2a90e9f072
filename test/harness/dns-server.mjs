/**
 * A DNS server on loopback for tests (dns2): it answers TXT questions from
 * records the test sets, and NXDOMAIN for anything else. Used by the
 * domain-verification tests and, through e2e/sso-servers.mjs, by Playwright.
 */
import dns2 from "dns2";

const { Packet } = dns2;

export async function startDnsServer({ port = 0, address = "127.0.0.1" } = {}) {
  /** @type {Map<string, string[]>} */
  const records = new Map();
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const values = question && question.type === Packet.TYPE.TXT ? records.get(question.name.toLowerCase()) : undefined;
      if (values?.length) {
        for (const data of values) response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data });
      } else if (!question || !records.has(question.name.toLowerCase())) {
        response.header.rcode = 3; // NXDOMAIN
      }
      send(response);
    },
  });
  server.on("requestError", () => {});
  const addresses = await server.listen({ udp: { port, address } });
  const bound = addresses.udp.port;
  return {
    port: bound,
    /** The value for READYROOM_DNS_SERVERS. */
    server: `${address}:${bound}`,
    setTxt(name, values) {
      records.set(name.toLowerCase().replace(/\.$/, ""), values);
    },
    clear() {
      records.clear();
    },
    close: () => server.close(),
  };
}
