import { type IncomingMessage } from "node:http";
import { hostname, networkInterfaces } from "node:os";
import { type RequestHandler } from "express";
import { type RequestSources, requestSourceRefusal } from "../access/access-policy";
import { isLoopback } from "../config/config";

/** Names every loopback gateway answers to. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/**
 * The host names and addresses a gateway bound to `host` serves: that address (or name); on
 * loopback, the loopback names too; on a wildcard address (0.0.0.0, ::), every address of this
 * machine's interfaces and its host name. ALLOWED_HOSTS and ALLOWED_ORIGINS add to these.
 */
export function requestSources(
  host: string,
  allowedHosts: readonly string[],
  allowedOrigins: readonly string[],
): RequestSources {
  const hosts = new Set<string>();
  const bound = host.replace(/^\[|\]$/g, "").toLowerCase();
  hosts.add(bound);
  if (isLoopback(bound)) for (const name of LOOPBACK_NAMES) hosts.add(name);
  if (bound === "0.0.0.0" || bound === "::" || bound === "") {
    for (const name of LOOPBACK_NAMES) hosts.add(name);
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) hosts.add(address.address.toLowerCase());
    }
    hosts.add(hostname().toLowerCase());
  }
  return {
    hosts,
    extraHosts: allowedHosts.map((name) => name.toLowerCase()),
    extraOrigins: allowedOrigins.map((origin) =>
      origin === "*" ? origin : new URL(origin).origin,
    ),
  };
}

function header(req: IncomingMessage, name: "host" | "origin"): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Refuses, before anything else runs, an HTTP request whose `Host` the gateway does not serve or
 * whose `Origin` is a page it does not accept: 403 FORBIDDEN in the GraphQL error shape.
 * Browsers' CORS preflight rules stay as Apollo's CSRF prevention has them.
 */
export function originGuard(sources: RequestSources): RequestHandler {
  return (req, res, next) => {
    const denied = requestSourceRefusal(sources, header(req, "host"), header(req, "origin"));
    if (!denied) return next();
    res
      .status(403)
      .json({ errors: [{ message: denied.message, extensions: { code: denied.code } }] });
  };
}

/**
 * The `verifyClient` of the WebSocket server: the same rule on the handshake, refused with 403
 * before the socket opens (a browser sends `Origin` on every WebSocket, and no CORS applies).
 */
export function verifyHandshake(sources: RequestSources) {
  return (
    info: { req: IncomingMessage },
    done: (result: boolean, code?: number, message?: string) => void,
  ): void => {
    const denied = requestSourceRefusal(
      sources,
      header(info.req, "host"),
      header(info.req, "origin"),
    );
    if (denied) done(false, 403, denied.message);
    else done(true);
  };
}
