import type { LookupAddress, LookupOptions } from "node:dns";
import { RegistryError, RegistryErrorCode } from "../../../../src/providers/errors";
import { createHttpClient, type HttpClient } from "../../../../src/providers/http/http-client";
import {
  AllowlistEntryError,
  NetworkPolicy,
  type Resolver,
} from "../../../../src/providers/http/network-policy";
import type { FetchLimits } from "../../../../src/providers/provider";
import { FixtureServer, redirect, serveBody } from "../../../helpers/http-fixture-server";
import { registryFailure } from "../../../helpers/registry-errors";

const LIMITS: FetchLimits = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 3_000,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 5,
};

/** A resolver answering from a table, counting its calls; unknown names are ENOTFOUND. */
function tableResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    }
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

/** Runs the policy's lookup as net.connect does, resolving with what it hands over. */
function lookup(
  policy: NetworkPolicy,
  hostname: string,
  options: LookupOptions = { all: true },
): Promise<LookupAddress[] | { address: string; family: number | undefined }> {
  return new Promise((resolve, reject) =>
    policy.clientOptions.lookup!(hostname, options, (error, address, family) => {
      if (error) reject(error);
      else resolve(typeof address === "string" ? { address, family } : address);
    }),
  );
}

function refusal(run: () => unknown): RegistryError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("NetworkPolicy", () => {
  describe("refused addresses", () => {
    const policy = new NetworkPolicy([]);

    it.each([
      ["0.0.0.0", "'this network'"],
      ["0.1.2.3", "'this network'"],
      ["127.0.0.1", "loopback"],
      ["127.255.255.254", "loopback"],
      ["10.0.0.5", "private"],
      ["10.255.255.255", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["192.168.0.1", "private"],
      ["192.168.255.255", "private"],
      ["100.64.0.1", "carrier-grade NAT"],
      ["100.127.255.255", "carrier-grade NAT"],
      ["169.254.169.254", "cloud metadata"],
      ["169.254.0.1", "link-local"],
      ["169.254.255.255", "link-local"],
      ["192.0.0.8", "IETF protocol assignment"],
      ["198.18.0.1", "benchmarking"],
      ["198.19.255.255", "benchmarking"],
      ["224.0.0.1", "multicast"],
      ["239.255.255.250", "multicast"],
      ["240.0.0.1", "reserved"],
      ["255.255.255.254", "reserved"],
      ["255.255.255.255", "broadcast"],
      ["::", "unspecified"],
      ["::1", "loopback"],
      ["0:0:0:0:0:0:0:1", "loopback"],
      ["fc00::1", "unique local"],
      ["fd12:3456:789a::1", "unique local"],
      ["fd00:ec2::254", "cloud metadata"],
      ["fe80::1", "link-local"],
      ["fe80::1%eth0", "link-local"],
      ["febf:ffff::1", "link-local"],
      ["fec0::1", "site-local"],
      ["ff02::1", "multicast"],
      ["64:ff9b:1::a00:1", "local-use NAT64"],
    ])("refuses %s (%s)", (address, what) => {
      expect(policy.check(address)?.what).toContain(what);
    });

    it.each([
      ["::ffff:127.0.0.1", "127.0.0.1", "loopback"],
      ["::ffff:7f00:1", "127.0.0.1", "loopback"],
      ["::FFFF:127.0.0.2", "127.0.0.2", "loopback"],
      ["0:0:0:0:0:ffff:a00:5", "10.0.0.5", "private"],
      ["::ffff:169.254.169.254", "169.254.169.254", "cloud metadata"],
      ["::127.0.0.1", "127.0.0.1", "loopback"],
      ["::a9fe:a9fe", "169.254.169.254", "cloud metadata"],
      ["64:ff9b::127.0.0.1", "127.0.0.1", "loopback"],
      ["64:ff9b::c0a8:101", "192.168.1.1", "private"],
      ["2002:7f00:1::1", "127.0.0.1", "loopback"],
      ["2002:a9fe:a9fe::", "169.254.169.254", "cloud metadata"],
    ])("judges %s by the IPv4 address it embeds (%s)", (address, ipv4, what) => {
      const refused = policy.check(address);
      expect(refused?.embeddedIpv4).toBe(ipv4);
      expect(refused?.what).toContain(what);
    });

    it.each([
      "8.8.8.8",
      "1.1.1.1",
      "93.184.216.34",
      "1.0.0.0",
      "9.255.255.255",
      "11.0.0.0",
      "172.15.255.255",
      "172.32.0.0",
      "192.167.255.255",
      "192.169.0.0",
      "100.63.255.255",
      "100.128.0.0",
      "169.253.255.255",
      "169.255.0.0",
      "192.0.1.0",
      "198.17.255.255",
      "198.20.0.0",
      "223.255.255.255",
      "2606:4700:4700::1111",
      "2001:4860:4860::8888",
      "::ffff:8.8.8.8",
      "::808:808",
      "64:ff9b::8.8.8.8",
      "2002:808:808::1",
      "fbff:ffff::1",
      "fe00::1",
    ])("lets %s (in no refused range) through", (address) => {
      expect(policy.check(address)).toBeUndefined();
    });
  });

  describe("allowlist", () => {
    it("allows addresses inside allowlisted CIDRs and bare addresses only", () => {
      const policy = new NetworkPolicy(["10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1"]);
      for (const address of ["10.1.2.3", "192.168.1.7", "fd12::1", "::1", "::ffff:10.9.9.9"]) {
        expect({ address, refused: policy.check(address) }).toEqual({
          address,
          refused: undefined,
        });
      }
      for (const address of ["192.168.1.8", "172.16.0.1", "fc00::1", "127.0.0.1", "fe80::1"]) {
        expect(policy.check(address)).toBeDefined();
      }
    });

    it("allows a mapped IPv6 address through its IPv4 entry, and a CIDR with host bits set", () => {
      const policy = new NetworkPolicy(["127.0.0.5/8"]);
      expect(policy.check("::ffff:127.0.0.2")).toBeUndefined();
      expect(policy.check("64:ff9b::127.0.0.2")).toBeUndefined();
      expect(policy.check("127.9.9.9")).toBeUndefined();
      expect(policy.check("::1")).toBeDefined();
    });

    it("allows a host name to resolve to refused addresses, and nothing else", async () => {
      const resolve = tableResolver({
        "registry.internal": ["10.0.0.5", "fd00::5"],
        "REGISTRY.internal.": ["10.0.0.5", "fd00::5"],
        "other.internal": ["10.0.0.5"],
      });
      const policy = new NetworkPolicy(["Registry.Internal."], { resolve });
      await expect(lookup(policy, "registry.internal")).resolves.toEqual([
        { address: "10.0.0.5", family: 4 },
        { address: "fd00::5", family: 6 },
      ]);
      await expect(lookup(policy, "REGISTRY.internal.")).resolves.toHaveLength(2);
      await expect(lookup(policy, "other.internal")).rejects.toMatchObject({
        code: RegistryErrorCode.ADDRESS_NOT_ALLOWED,
      });
      // A name is not an address: the IP literal stays refused.
      expect(() => policy.beforeConnect(new URL("http://10.0.0.5/"))).toThrow(RegistryError);
    });

    it("allows the names under a wildcard entry, at any depth, but not the domain itself", async () => {
      const resolve = tableResolver({
        "a.corp.example": ["10.0.0.1"],
        "b.c.corp.example": ["10.0.0.2"],
        "corp.example": ["10.0.0.3"],
        "xcorp.example": ["10.0.0.4"],
      });
      const policy = new NetworkPolicy(["*.corp.example"], { resolve });
      await expect(lookup(policy, "a.corp.example")).resolves.toHaveLength(1);
      await expect(lookup(policy, "b.c.corp.example")).resolves.toHaveLength(1);
      for (const name of ["corp.example", "xcorp.example"]) {
        await expect(lookup(policy, name)).rejects.toMatchObject({
          code: RegistryErrorCode.ADDRESS_NOT_ALLOWED,
        });
      }
    });

    it("matches internationalized names in their punycode form", async () => {
      const resolve = tableResolver({ "xn--bcher-kva.example": ["10.0.0.1"] });
      const policy = new NetworkPolicy(["bücher.example"], { resolve });
      await expect(lookup(policy, "xn--bcher-kva.example")).resolves.toHaveLength(1);
    });

    it.each([
      "10.0.0.0/33",
      "fd00::/129",
      "10.0.0.0/-1",
      "10.0.0.0/8/8",
      "10.0.0/8",
      "10.0.0.0/",
      "/8",
      "registry.internal/8",
      "10.0.0",
      "0x7f.1",
      "300.1.1.1",
      "[::1]",
      "foo bar",
      "http://registry.internal",
      "registry.internal:443",
      "*",
      "*.",
      "*.*.example",
      "a.*.example",
      "a..example",
      "-bad.example",
      "bad-.example",
      `${"a".repeat(64)}.example`,
    ])("refuses the invalid entry %p with a clear error", (entry) => {
      let error: unknown;
      try {
        new NetworkPolicy(["10.0.0.0/8", entry]);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AllowlistEntryError);
      expect((error as AllowlistEntryError).entry).toBe(entry);
      expect((error as Error).message).toContain(`"${entry}"`);
    });

    it("accepts every documented entry form", () => {
      expect(
        () =>
          new NetworkPolicy([
            "10.0.0.0/8",
            "0.0.0.0/0",
            "fd00::/8",
            "10.1.2.3",
            "::1",
            "registry.internal",
            "REGISTRY.example.com.",
            "*.corp.example",
            "my_host.lan",
            "localhost",
          ]),
      ).not.toThrow();
    });
  });

  describe("beforeConnect", () => {
    const policy = new NetworkPolicy([]);

    it.each([
      ["http://127.0.0.2:8080/index.yaml", "127.0.0.2", "loopback"],
      ["http://0x7f.1/", "127.0.0.1", "loopback"],
      ["http://2130706433/", "127.0.0.1", "loopback"],
      ["https://[::1]:5000/v2/", "::1", "loopback"],
      ["http://[::ffff:127.0.0.2]:8080/", "::ffff:7f00:2 (IPv4 127.0.0.2)", "loopback"],
      ["http://169.254.169.254/latest/meta-data/", "169.254.169.254", "cloud metadata"],
      ["http://[fd00:ec2::254]/latest/", "fd00:ec2::254", "cloud metadata"],
      ["http://[fe80::1]/", "fe80::1", "link-local"],
      ["http://10.0.0.5/charts", "10.0.0.5", "private"],
      ["http://0.0.0.0:8080/", "0.0.0.0", "'this network'"],
    ])("refuses the IP literal of %s", (url, shown, what) => {
      const error = refusal(() => policy.beforeConnect(new URL(url)));
      expect(error.code).toBe(RegistryErrorCode.ADDRESS_NOT_ALLOWED);
      expect(error.message).toContain(`Not connecting to ${shown}: it is `);
      expect(error.message).toContain(what);
      expect(error.message).toContain("REGISTRY_NETWORK_ALLOWLIST");
    });

    it.each(["http://localhost:8080/", "http://LOCALHOST./", "http://registry.localhost/"])(
      "refuses the loopback name of %s",
      (url) => {
        const error = refusal(() => policy.beforeConnect(new URL(url)));
        expect(error.code).toBe(RegistryErrorCode.ADDRESS_NOT_ALLOWED);
        expect(error.message).toMatch(/localhost: it resolves to 127\.0\.0\.1, a loopback address/);
      },
    );

    it("allows localhost by name, or when both loopback addresses are allowlisted", () => {
      const url = new URL("http://localhost:8080/");
      expect(() => new NetworkPolicy(["localhost"]).beforeConnect(url)).not.toThrow();
      expect(() => new NetworkPolicy(["127.0.0.0/8", "::1"]).beforeConnect(url)).not.toThrow();
      const error = refusal(() => new NetworkPolicy(["127.0.0.1/32"]).beforeConnect(url));
      expect(error.message).toContain("resolves to ::1, a loopback address");
    });

    it("lets public literals and other names through without resolving them", () => {
      const resolve = tableResolver({});
      const lazy = new NetworkPolicy([], { resolve });
      for (const url of [
        "https://8.8.8.8/",
        "https://[2606:4700::1]/",
        "https://charts.example/",
      ]) {
        expect(() => lazy.beforeConnect(new URL(url))).not.toThrow();
      }
      expect(resolve.calls).toEqual([]);
    });

    it("never repeats the URL's credentials, path or query", () => {
      const error = refusal(() =>
        policy.beforeConnect(new URL("http://alice:pa55@10.0.0.5/secret-path?token=t0k")),
      );
      expect(error.message).not.toMatch(/alice|pa55|secret-path|t0k/);
    });
  });

  describe("lookup", () => {
    it("refuses a name when any address it resolves to is refused (rebinding-style answers)", async () => {
      const resolve = tableResolver({ "rebind.example": ["93.184.216.34", "127.0.0.1"] });
      const policy = new NetworkPolicy([], { resolve });
      const error = await lookup(policy, "rebind.example").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).code).toBe(RegistryErrorCode.ADDRESS_NOT_ALLOWED);
      expect((error as RegistryError).message).toBe(
        "Not connecting to rebind.example: it resolves to 127.0.0.1, a loopback address; add the host name or the address to REGISTRY_NETWORK_ALLOWLIST to allow it.",
      );
    });

    it("refuses a name resolving to a mapped IPv6 address of a private one", async () => {
      const resolve = tableResolver({ "sneaky.example": ["::ffff:a00:5"] });
      const policy = new NetworkPolicy([], { resolve });
      await expect(lookup(policy, "sneaky.example")).rejects.toThrow(
        "it resolves to ::ffff:a00:5 (IPv4 10.0.0.5), a private address",
      );
    });

    it("hands over exactly the addresses it checked, once per connection", async () => {
      const resolve = tableResolver({ "public.example": ["93.184.216.34", "2606:2800:220:1::1"] });
      const policy = new NetworkPolicy([], { resolve });
      await expect(lookup(policy, "public.example")).resolves.toEqual([
        { address: "93.184.216.34", family: 4 },
        { address: "2606:2800:220:1::1", family: 6 },
      ]);
      await expect(lookup(policy, "public.example", {})).resolves.toEqual({
        address: "93.184.216.34",
        family: 4,
      });
      expect(resolve.calls).toEqual(["public.example", "public.example"]);
    });

    it("passes the family and hints asked for to the resolver", async () => {
      const seen: LookupOptions[] = [];
      const policy = new NetworkPolicy([], {
        resolve: async (_hostname, options) => {
          seen.push(options);
          return [{ address: "93.184.216.34", family: 4 }];
        },
      });
      await lookup(policy, "public.example", { all: true, family: 4, hints: 32 });
      expect(seen).toEqual([{ family: 4, hints: 32 }]);
    });

    it("passes resolver failures through, and treats no answer as ENOTFOUND", async () => {
      const policy = new NetworkPolicy([], { resolve: tableResolver({ empty: [] }) });
      await expect(lookup(policy, "missing.example")).rejects.toMatchObject({ code: "ENOTFOUND" });
      await expect(lookup(policy, "empty")).rejects.toMatchObject({ code: "ENOTFOUND" });
    });
  });

  describe("in the HTTP client", () => {
    let server: FixtureServer;
    const clients: HttpClient[] = [];

    beforeEach(async () => {
      server = await FixtureServer.start();
      server.route("/index.yaml", serveBody("served"));
    });

    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await server.close();
    });

    function client(policy: NetworkPolicy, endpoint: string): HttpClient {
      const c = createHttpClient(
        { kind: "HELM", endpoint, auth: { type: "NONE" }, tls: { insecureSkipVerify: false } },
        LIMITS,
        policy.clientOptions,
      );
      clients.push(c);
      return c;
    }

    /** `http://<name>:<port of the fixture server>` */
    function named(name: string, path = "/"): string {
      return `http://${name}:${new URL(server.origin).port}${path}`;
    }

    it("connects to the address the lookup checked: a name only the resolver knows works", async () => {
      const resolve = tableResolver({ "registry.test": ["127.0.0.1"] });
      const policy = new NetworkPolicy(["registry.test"], { resolve });
      const response = await client(policy, named("registry.test")).request({
        url: named("registry.test", "/index.yaml"),
      });
      expect(response.body.toString()).toBe("served");
      expect(resolve.calls).toEqual(["registry.test"]);
    });

    it("refuses a name resolving to loopback before connecting", async () => {
      const resolve = tableResolver({ "registry.test": ["127.0.0.1"] });
      const policy = new NetworkPolicy([], { resolve });
      const error = await registryFailure(
        client(policy, named("registry.test")).request({
          url: named("registry.test", "/index.yaml"),
        }),
      );
      expect(error.code).toBe(RegistryErrorCode.ADDRESS_NOT_ALLOWED);
      expect(server.requests).toHaveLength(0);
    });

    it("refuses an IP literal endpoint before connecting", async () => {
      const policy = new NetworkPolicy([]);
      const error = await registryFailure(
        client(policy, server.origin).request({ url: server.url("/index.yaml") }),
      );
      expect(error.code).toBe(RegistryErrorCode.ADDRESS_NOT_ALLOWED);
      expect(server.requests).toHaveLength(0);
    });

    it("refuses a redirect to a refused address; the allowed hop is served", async () => {
      const resolve = tableResolver({ "registry.test": ["127.0.0.1"] });
      const policy = new NetworkPolicy(["registry.test"], { resolve });
      server.route("/moved/index.yaml", redirect(server.url("/index.yaml")));
      const error = await registryFailure(
        client(policy, named("registry.test")).request({
          url: named("registry.test", "/moved/index.yaml"),
        }),
      );
      expect(error.code).toBe(RegistryErrorCode.ADDRESS_NOT_ALLOWED);
      expect(error.message).toContain("127.0.0.1");
      expect(server.requestsTo("/moved/index.yaml")).toHaveLength(1);
      expect(server.requestsTo("/index.yaml")).toHaveLength(0);
    });
  });
});
