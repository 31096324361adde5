/**
 * Palette packs for tests: pack folders from the fixtures (or generated from them) packed as
 * `<name>-<version>.tar.gz` and pushed the way Palette documents (ORAS defaults: an empty
 * `application/vnd.unknown.config.v1+json` config, one `application/vnd.oci.image.layer.v1.tar`
 * layer titled with the file name); and a legacy pack registry made of a real docker-registry
 * behind a small https proxy that serves `/health` and maps `/v1/…` to `/v2/…`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixturePath } from "../fixtures";
import { pushArtifact, type PushedArtifact } from "../oci/push";
import { type OciRegistryServer } from "../oci/registry";

export interface PackSpec {
  /** Fixture folder under `packs/` the pack is made from. */
  fixture: string;
  /** pack.json fields to change (e.g. a generated version). */
  set?: Record<string, unknown>;
  /** Replaces values.yaml. */
  values?: string;
  /** Other files of the folder to write (e.g. `schema.yaml`), or to delete (null). */
  files?: Record<string, string | null>;
}

/** A pack folder packed as a tar.gz, and what its pack.json says. */
export interface BuiltPack {
  data: Buffer;
  name: string;
  version: string;
  values: string;
}

/** Packs a pack folder (a copy of a fixture, pack.json changed as asked) as `<name>-<version>/`. */
export function buildPack(spec: PackSpec): BuiltPack {
  const source = fixturePath(path.join("packs", spec.fixture));
  const packJson = {
    ...(JSON.parse(readFileSync(path.join(source, "pack.json"), "utf8")) as Record<
      string,
      unknown
    >),
    ...spec.set,
  };
  const name = String(packJson.name);
  const version = String(packJson.version);
  const work = mkdtempSync(path.join(tmpdir(), "pack-"));
  try {
    const folder = `${name}-${version}`;
    cpSync(source, path.join(work, folder), { recursive: true });
    writeFileSync(path.join(work, folder, "pack.json"), JSON.stringify(packJson, null, 2));
    if (spec.values !== undefined)
      writeFileSync(path.join(work, folder, "values.yaml"), spec.values);
    for (const [file, text] of Object.entries(spec.files ?? {})) {
      if (text === null) rmSync(path.join(work, folder, file), { force: true });
      else writeFileSync(path.join(work, folder, file), text);
    }
    const out = path.join(work, "pack.tar.gz");
    execFileSync("tar", ["-czf", out, "-C", work, folder]);
    const values = readFileSync(path.join(work, folder, "values.yaml"), "utf8");
    return { data: readFileSync(out), name, version, values };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Pushes a pack as ORAS does: `repository:tag`, one layer titled `<file>`. */
export function pushPack(
  registry: OciRegistryServer,
  repository: string,
  tag: string,
  pack: BuiltPack,
  title = `${repository.split("/").pop()}-${tag}.tar.gz`,
): Promise<PushedArtifact> {
  return pushArtifact(registry, repository, tag, {
    config: { mediaType: "application/vnd.unknown.config.v1+json", data: {} },
    layers: [
      {
        mediaType: "application/vnd.oci.image.layer.v1.tar",
        data: pack.data,
        annotations: { "org.opencontainers.image.title": title },
      },
    ],
    annotations: { "org.opencontainers.image.created": "2026-07-01T00:00:00Z" },
  });
}

/** A legacy pack registry: https, `/health`, and the registry's API under `/v1/`. */
export interface LegacyPackRegistry {
  /** `https://127.0.0.1:PORT` */
  url: string;
  /** Paths requested, as the client sent them. */
  paths: string[];
  close(): Promise<void>;
}

/**
 * Serves `registry` as a legacy pack registry: `GET /health` answers 200; `/v1/<rest>` is
 * forwarded as `/v2/<rest>` (headers, `Authorization` included, passed on), and `Link` and
 * `Location` headers are mapped back to `/v1/`; anything else is 404.
 */
export async function startLegacyPackRegistry(
  registry: OciRegistryServer,
  tls: { key: string; cert: string },
): Promise<LegacyPackRegistry> {
  const backend = new URL(registry.url);
  const paths: string[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const url = req.url ?? "/";
    paths.push(url);
    if (url === "/health") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (!url.startsWith("/v1/")) {
      res.writeHead(404).end();
      return;
    }
    const headers = { ...req.headers, host: backend.host };
    const upstream = http.request(
      {
        host: backend.hostname,
        port: backend.port,
        method: req.method,
        path: `/v2/${url.slice(4)}`,
        headers,
        agent,
      },
      (answer) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [key, value] of Object.entries(answer.headers)) {
          if (key === "connection" || key === "keep-alive" || key === "transfer-encoding") continue;
          out[key] =
            (key === "link" || key === "location") && typeof value === "string"
              ? value.replace(/\/v2\//g, "/v1/").replace(backend.origin, "")
              : value;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
