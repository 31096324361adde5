import { RegistryError, RegistryErrorCode } from "../errors";

/**
 * Parses a registry endpoint: an absolute http(s) URL without credentials in it. Throws
 * INVALID_CONFIGURATION otherwise; the message never repeats the URL, which may hold a secret.
 */
export function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      "The registry endpoint is not an absolute URL.",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      `The registry endpoint must use http or https, not ${url.protocol.replace(/:$/, "")}.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new RegistryError(
      RegistryErrorCode.INVALID_CONFIGURATION,
      "The registry endpoint contains credentials; put them in the authentication settings instead.",
    );
  }
  url.hash = "";
  return url;
}

/**
 * The URL of a file inside a repository: `<endpoint>/<file>`, keeping the endpoint's query
 * (some hosted repositories carry an access token there, as Helm also keeps it).
 */
export function repositoryFileUrl(endpoint: string | URL, file: string): URL {
  const url = new URL(typeof endpoint === "string" ? parseEndpoint(endpoint) : endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${file}`;
  return url;
}

/** The base that relative chart URLs resolve against: the endpoint with one trailing slash. */
export function repositoryBaseUrl(endpoint: string | URL): URL {
  const url = new URL(typeof endpoint === "string" ? parseEndpoint(endpoint) : endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/`;
  return url;
}

/**
 * A URL safe to show a person: no userinfo, and the query replaced by `?…` because signed
 * URLs and some repositories carry tokens there.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "(invalid URL)";
  }
  return `${parsed.origin}${parsed.pathname}${parsed.search === "" ? "" : "?…"}`;
}

/** True when both URLs have the same scheme, host and port. */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}
