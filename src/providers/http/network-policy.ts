/**
 * The network policy of registry connections (SSRF protection): endpoints that are, or resolve
 * to, loopback, link-local (cloud metadata included), private or otherwise non-public addresses
 * are refused with ADDRESS_NOT_ALLOWED unless REGISTRY_NETWORK_ALLOWLIST allows them.
 *
 * Two hooks of the HTTP client carry it, so that no byte is ever sent to a refused address:
 * - `beforeConnect` sees every hop (the first URL and every redirect target) and refuses IP
 *   literals (`net.connect` does not resolve those) and `localhost` names (RFC 6761: always
 *   loopback, judged as 127.0.0.1 and ::1 whatever the resolver says).
 * - `lookup` replaces DNS resolution for every socket: it resolves the name once, refuses it when
 *   ANY address it resolves to is refused, and hands `net.connect` exactly the addresses it
 *   checked. The connection goes where the check looked, so DNS rebinding has no window.
 *
 * Allowlist entries (comma-separated in REGISTRY_NETWORK_ALLOWLIST):
 * - a CIDR (`10.0.0.0/8`, `fd00::/8`) or a bare IP address (`10.1.2.3`, `::1`): those addresses
 *   may be used, whatever name led to them;
 * - a host name (`registry.internal`): that name may resolve to anything;
 * - a wildcard `*.corp.example`: every name under `corp.example`, at any depth, but not
 *   `corp.example` itself (list it too when it is wanted).
 * Anything else is an AllowlistEntryError.
 *
 * IPv6 addresses that embed an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible
 * `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:aabb:ccdd::`) are judged by that IPv4 address.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { domainToASCII } from "node:url";
import { RegistryError, RegistryErrorCode } from "../errors";
import type { HttpClientOptions } from "./http-client";

/** The setting named in refusals. */
const SETTING = "REGISTRY_NETWORK_ALLOWLIST";

/** What `localhost` names are, whatever the resolver says (RFC 6761). */
const LOCALHOST_ADDRESSES: readonly string[] = ["127.0.0.1", "::1"];

/**
 * Refused ranges with what they are, as the refusal says it. The first match names the address,
 * so the specific addresses come before the ranges that hold them.
 */
const REFUSED_RANGES: readonly (readonly [cidr: string, what: string])[] = [
  ["169.254.169.254/32", "the cloud metadata address"],
  ["fd00:ec2::254/128", "the cloud metadata address"],
  ["255.255.255.255/32", "the broadcast address"],
  ["0.0.0.0/8", "a 'this network' address"],
  ["127.0.0.0/8", "a loopback address"],
  ["10.0.0.0/8", "a private address"],
  ["172.16.0.0/12", "a private address"],
  ["192.168.0.0/16", "a private address"],
  ["100.64.0.0/10", "a shared (carrier-grade NAT) address"],
  ["169.254.0.0/16", "a link-local address"],
  ["192.0.0.0/24", "a reserved (IETF protocol assignment) address"],
  ["198.18.0.0/15", "a reserved (benchmarking) address"],
  ["224.0.0.0/4", "a multicast address"],
  ["240.0.0.0/4", "a reserved address"],
  ["::/128", "the unspecified address"],
  ["::1/128", "a loopback address"],
  ["fc00::/7", "a private (unique local) address"],
  ["fec0::/10", "a site-local address"],
  ["fe80::/10", "a link-local address"],
  ["ff00::/8", "a multicast address"],
  ["64:ff9b:1::/48", "a private (local-use NAT64) address"],
];

/**
 * IPv6 prefixes that embed an IPv4 address, with the index of the first of the two 16-bit groups
 * holding it.
 */
const EMBEDDING_PREFIXES: readonly (readonly [cidr: string, group: number])[] = [
  ["::ffff:0:0/96", 6], // IPv4-mapped
  ["::/96", 6], // IPv4-compatible (deprecated)
  ["64:ff9b::/96", 6], // NAT64, well-known prefix
  ["2002::/16", 1], // 6to4
];

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Resolves a host name to every address it has, as `dns.lookup` with `all: true` does. */
export type Resolver = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

/** The system resolver, `dns.lookup` (getaddrinfo: /etc/hosts, then DNS). */
const systemResolver: Resolver = (hostname, options) =>
  dnsLookup(hostname, { ...options, all: true });

/** An address the policy refuses, and why. */
export interface RefusedAddress {
  /** The address as checked (IPv6 without brackets or zone). */
  address: string;
  /** The IPv4 address an IPv6 address embeds, when it was judged by that. */
  embeddedIpv4?: string;
  /** What the address is, e.g. "a private address". */
  what: string;
}

/** An allowlist entry that is neither a CIDR, an IP address nor a host name. */
export class AllowlistEntryError extends Error {
  override readonly name = "AllowlistEntryError";
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`"${entry}" ${reason}`);
  }
}

/**
 * Decides which addresses registry connections may reach. Build it from the allowlist entries
 * (throws AllowlistEntryError for an invalid one) and give `clientOptions` to every HTTP client.
 */
export class NetworkPolicy {
  private readonly refused = REFUSED_RANGES.map(([cidr, what]) => ({
    list: blockList(cidr),
    type: familyName(isIP(cidr.split("/")[0]!)),
    what,
  }));
  private readonly embedding = EMBEDDING_PREFIXES.map(([cidr, group]) => ({
    list: blockList(cidr),
    group,
  }));
  private readonly allowedAddresses = new BlockList();
  private readonly allowedNames = new Set<string>();
  /** Wildcard entries as suffixes: `*.corp.example` is `.corp.example`. */
  private readonly allowedSuffixes: string[] = [];
  private readonly resolve: Resolver;

  constructor(allowlist: readonly string[], options: { resolve?: Resolver } = {}) {
    for (const entry of allowlist) this.allow(entry.trim());
    this.resolve = options.resolve ?? systemResolver;
  }

  /** The hooks to give the HTTP client (`createHttpClient(target, limits, policy.clientOptions)`). */
  get clientOptions(): Pick<HttpClientOptions, "beforeConnect" | "lookup"> {
    return { beforeConnect: this.beforeConnect, lookup: this.lookup };
  }

  /**
   * Why an IP address may not be used, or undefined when it may: public, or allowlisted.
   * A zone (`fe80::1%eth0`) is ignored; anything that is not an IP address is refused.
   */
  check(ip: string): RefusedAddress | undefined {
    const address = canonicalIp(ip);
    const family = isIP(address);
    if (family === 0) return { address, what: "not an IP address" };
    // An IPv6 address in an IPv6 range (::1, fc00::/7, …) is judged as such; otherwise one that
    // embeds an IPv4 address is judged by that.
    const own = this.refusedWhat(address, family);
    const embeddedIpv4 = own === undefined && family === 6 ? this.embeddedIpv4(address) : undefined;
    const what =
      own ?? (embeddedIpv4 === undefined ? undefined : this.refusedWhat(embeddedIpv4, 4));
    if (what === undefined || this.addressAllowed(address, family, embeddedIpv4)) return undefined;
    return embeddedIpv4 === undefined ? { address, what } : { address, embeddedIpv4, what };
  }

  /**
   * Checks one request hop before anything is sent: an IP-literal host (bracketed IPv6
   * included) and `localhost` names. Other names are checked by `lookup` when connecting.
   * Throws ADDRESS_NOT_ALLOWED.
   */
  readonly beforeConnect = (url: URL): void => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) !== 0) {
      const refused = this.check(host);
      if (refused !== undefined) throw addressNotAllowed(host, refused, true);
      return;
    }
    const name = hostName(host);
    if (isLocalhostName(name)) this.assertResolvedAllowed(name, LOCALHOST_ADDRESSES);
  };

  /**
   * The DNS lookup of every connection: resolves once, refuses (ADDRESS_NOT_ALLOWED) when any
   * address is refused and the name itself is not allowlisted, else hands over exactly the
   * addresses it checked. Resolver errors (ENOTFOUND, …) pass through unchanged.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolveChecked(hostname, options).then(
      (addresses) => {
        if (options.all === true) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };

  private async resolveChecked(hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
    const addresses = await this.resolve(hostname, {
      family: options.family,
      hints: options.hints,
    });
    if (addresses.length === 0) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: "ENOTFOUND",
        hostname,
      });
    }
    this.assertResolvedAllowed(
      hostName(hostname),
      addresses.map((a) => a.address),
    );
    return addresses;
  }

  /** Throws ADDRESS_NOT_ALLOWED unless the name is allowlisted or every address may be used. */
  private assertResolvedAllowed(name: string, addresses: readonly string[]): void {
    if (this.nameAllowed(name)) return;
    for (const address of addresses) {
      const refused = this.check(address);
      if (refused !== undefined) throw addressNotAllowed(name, refused, false);
    }
  }

  private allow(entry: string): void {
    if (entry.includes("/")) this.allowSubnet(entry);
    else if (isIP(entry) !== 0) this.allowedAddresses.addAddress(entry, familyName(isIP(entry)));
    else this.allowName(entry);
  }

  private allowSubnet(entry: string): void {
    const [address = "", prefix = "", ...rest] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || rest.length > 0) throw invalidEntry(entry);
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
      throw new AllowlistEntryError(
        entry,
        `has a prefix length that is not a number from 0 to ${max}`,
      );
    }
    this.allowedAddresses.addSubnet(address, Number(prefix), familyName(family));
  }

  private allowName(entry: string): void {
    const wildcard = entry.startsWith("*.");
    const name = normalizedName(wildcard ? entry.slice(2) : entry);
    if (name === undefined) throw invalidEntry(entry);
    if (wildcard) this.allowedSuffixes.push(`.${name}`);
    else this.allowedNames.add(name);
  }

  private nameAllowed(name: string): boolean {
    return this.allowedNames.has(name) || this.allowedSuffixes.some((s) => name.endsWith(s));
  }

  private addressAllowed(
    address: string,
    family: number,
    embeddedIpv4: string | undefined,
  ): boolean {
    return (
      this.allowedAddresses.check(address, familyName(family)) ||
      (embeddedIpv4 !== undefined && this.allowedAddresses.check(embeddedIpv4, "ipv4"))
    );
  }

  /** What the first refused range of the address's own family holding it says it is. */
  private refusedWhat(address: string, family: number): string | undefined {
    const type = familyName(family);
    return this.refused.find((range) => range.type === type && range.list.check(address, type))
      ?.what;
  }

  /** The IPv4 address an IPv6 address embeds (mapped, compatible, NAT64, 6to4), if any. */
  private embeddedIpv4(address: string): string | undefined {
    const prefix = this.embedding.find((p) => p.list.check(address, "ipv6"));
    if (prefix === undefined) return undefined;
    const groups = ipv6Groups(address);
    const high = groups[prefix.group]!;
    const low = groups[prefix.group + 1]!;
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
}

function invalidEntry(entry: string): AllowlistEntryError {
  return new AllowlistEntryError(
    entry,
    "is neither a CIDR (10.0.0.0/8, fd00::/8), an IP address (10.1.2.3, ::1) nor a host name (registry.internal, *.corp.example)",
  );
}

/** A BlockList holding one CIDR. */
function blockList(cidr: string): BlockList {
  const [address = "", prefix = ""] = cidr.split("/");
  const list = new BlockList();
  list.addSubnet(address, Number(prefix), familyName(isIP(address)));
  return list;
}

function familyName(family: number): "ipv4" | "ipv6" {
  return family === 4 ? "ipv4" : "ipv6";
}

/**
 * An IP address as checked and shown: without a zone (`%eth0`), IPv6 in the canonical form the
 * URL parser writes (lower case, `::` compressed, no dotted quad). Anything else as given.
 */
function canonicalIp(ip: string): string {
  const address = ip.split("%")[0]!;
  return isIP(address) === 6 ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address;
}

/** The eight 16-bit groups of a canonical IPv6 address. */
function ipv6Groups(canonical: string): number[] {
  const [head = "", tail] = canonical.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const gap = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(gap).fill("0"), ...right].map((g) => Number.parseInt(g, 16));
}

/** A host name as compared: lower case, without the trailing dot of a fully qualified name. */
function hostName(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

/** `localhost` and the names under it (RFC 6761). */
function isLocalhostName(name: string): boolean {
  return name === "localhost" || name.endsWith(".localhost");
}

/** An allowlisted host name in the form URLs carry (ASCII, punycode); undefined when invalid. */
function normalizedName(entry: string): string | undefined {
  const name = domainToASCII(hostName(entry));
  if (name === "" || name.length > 253 || isIP(name) !== 0) return undefined;
  return name.split(".").every((label) => HOST_LABEL.test(label)) ? name : undefined;
}

/** The refusal, naming the host and the address (never a URL, which may hold credentials). */
function addressNotAllowed(host: string, refused: RefusedAddress, literal: boolean): RegistryError {
  const address =
    refused.embeddedIpv4 === undefined
      ? refused.address
      : `${refused.address} (IPv4 ${refused.embeddedIpv4})`;
  const message = literal
    ? `Not connecting to ${address}: it is ${refused.what}; add it to ${SETTING} to allow it.`
    : `Not connecting to ${host}: it resolves to ${address}, ${refused.what}; add the host name or the address to ${SETTING} to allow it.`;
  return new RegistryError(RegistryErrorCode.ADDRESS_NOT_ALLOWED, message);
}
