import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Credentials, OciRegistryServer } from "./registry";

const execFileAsync = promisify(execFile);

export interface SkopeoOptions {
  /** Default: the registry's first user when it has auth, none otherwise. */
  credentials?: Credentials;
}

/**
 * skopeo, an independent client (containers/image), reads the registry with no code of ours. It
 * runs asynchronously, so a token server in this process keeps answering. Its requests count as
 * the harness's (it announces itself as `skopeo/…` in User-Agent).
 */
async function skopeo(
  registry: OciRegistryServer,
  args: string[],
  options: SkopeoOptions,
): Promise<Buffer> {
  const credentials =
    options.credentials ?? (registry.auth === "none" ? undefined : registry.users[0]);
  const { stdout } = await execFileAsync(
    "skopeo",
    [
      ...args,
      "--tls-verify=false",
      ...(credentials ? ["--creds", `${credentials.username}:${credentials.password}`] : []),
    ],
    { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** `skopeo list-tags`: the tags of `repository`, in the registry's order. */
export async function skopeoListTags(
  registry: OciRegistryServer,
  repository: string,
  options: SkopeoOptions = {},
): Promise<string[]> {
  const out = await skopeo(
    registry,
    ["list-tags", `docker://${registry.host}/${repository}`],
    options,
  );
  const { Tags } = JSON.parse(out.toString("utf8")) as { Tags: string[] | null };
  return Tags ?? [];
}

/**
 * `skopeo inspect --raw`: the manifest bytes of `reference` (`repo:tag` or `repo@sha256:…`), or
 * with `config` the config blob's bytes.
 */
export async function skopeoInspectRaw(
  registry: OciRegistryServer,
  reference: string,
  options: SkopeoOptions & { config?: boolean } = {},
): Promise<Buffer> {
  return skopeo(
    registry,
    [
      "inspect",
      "--raw",
      ...(options.config ? ["--config"] : []),
      `docker://${registry.host}/${reference}`,
    ],
    options,
  );
}
