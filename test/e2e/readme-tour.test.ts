import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, startGatewayProcess, type GatewayProcess } from "../helpers/gateway-process";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

/**
 * Issue 18, point 12: the README's five-minute tour runs as written, start to end, in a fresh
 * shell. The test reads the tour from README.md: the gateway starts with the environment the
 * tour's start line gives (and nothing more: registries on loopback are refused by default), the
 * example repository is the project's script, and the shell blocks run in one `bash` as a reader
 * would paste them; only the two well-known ports are swapped for free ones. The subscription
 * snippet runs as a file with `node`.
 */
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const tour = readme.slice(readme.indexOf("## A five-minute tour"), readme.indexOf("\n## Search"));
const blocks = (text: string, lang: string) =>
  [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);

let dir: string;
let gateway: GatewayProcess;
let repo: ChildProcess;
let gatewayPort: string;
let repoPort: number;

const withPorts = (text: string) =>
  text
    .replaceAll("127.0.0.1:4000", `127.0.0.1:${gatewayPort}`)
    .replaceAll("8879", String(repoPort));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "readme-tour-"));
  const [start, example] = blocks(tour, "sh");
  // `VAR=value npm start`: the environment the tour gives the gateway.
  const env = Object.fromEntries(
    [...start!.matchAll(/\b([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
  );
  expect(start).toMatch(/npm start/);
  expect(example!.trim()).toBe("npm run example-repo");
  repoPort = await freePort();
  repo = spawn(
    process.execPath,
    [
      "-r",
      path.join(root, "test/helpers/swc-register.js"),
      path.join(root, "scripts/example-repo.ts"),
    ],
    { cwd: root, env: { ...process.env, EXAMPLE_REPO_PORT: String(repoPort) }, stdio: "pipe" },
  );
  await new Promise<void>((resolve) => repo.stdout!.once("data", () => resolve()));
  gateway = await startGatewayProcess({
    DATABASE_URL: `sqlite:${path.join(dir, "gateway.sqlite")}`,
    // The gateway's own default, then what the tour says.
    REGISTRY_NETWORK_ALLOWLIST: "",
    ...env,
  });
  gatewayPort = new URL(gateway.url).port;
}, 60_000);

afterAll(async () => {
  gateway?.child.kill("SIGTERM");
  await gateway?.exited;
  repo?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

describe("12. the README tour runs as written", () => {
  it("every step answers without errors, as the README says", async () => {
    const steps = blocks(tour, "sh").slice(2).map(withPorts);
    expect(steps.length).toBeGreaterThanOrEqual(6);
    const script = ["set -euo pipefail", ...steps].join("\n");
    const { stdout } = await run("bash", ["-c", script], {
      cwd: root,
      env: { PATH: process.env["PATH"], HOME: dir },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: Error & { stdout?: string }) => {
      throw new Error(`${error.message}\n--- output ---\n${error.stdout ?? ""}`);
    });
    // Each gql call prints one JSON document.
    const answers = stdout
      .split(/\n(?=\{)/)
      .filter((chunk) => chunk.trim().startsWith("{"))
      .map((chunk) => JSON.parse(chunk) as { data?: Record<string, unknown>; errors?: unknown[] });
    expect(answers.length).toBeGreaterThanOrEqual(8);
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const text = JSON.stringify(answers);
    expect(text).toContain('"addHelmRegistry"');
    // The tour waits a second for the run: on a loaded machine it may still be going.
    expect(text).toMatch(/"status":"(QUEUED|RUNNING|SUCCEEDED)"/);
    const check = answers.at(-1)!.data as Record<string, { status: string }>;
    expect([check["a"]?.status, check["b"]?.status]).toEqual(["VERIFIED", "NOT_FOUND"]);
  }, 150_000);

  it("the subscription snippet runs with node as written", async () => {
    const [snippet] = blocks(readme.slice(readme.indexOf("## Live synchronization")), "js");
    const file = path.join(root, `.readme-tour-watch-${process.pid}.js`);
    writeFileSync(file, withPorts(snippet!));
    try {
      const registries = await fetch(`${gateway.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: '{ registries(search: "example") { edges { node { id } } } }',
        }),
      });
      const body = (await registries.json()) as {
        data: { registries: { edges: { node: { id: string } }[] } };
      };
      const id = body.data.registries.edges[0]!.node.id;
      const watching = run(process.execPath, [file, id], { cwd: root, timeout: 30_000 });
      // Once the subscription is open (the gateway's own gauge says so), a run starts.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
        if (/^gateway_graphql_subscriptions_open(?:\{[^}]*\})? [1-9]/m.test(metrics)) break;
        if (Date.now() > deadline) throw new Error("the snippet's subscription never opened");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await fetch(`${gateway.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "mutation($id: ID!) { syncRegistry(id: $id) { id } }",
          variables: { id },
        }),
      });
      const { stdout } = await watching;
      expect(stdout).toMatch(/^(SUCCEEDED|FAILED|CANCELLED|INTERRUPTED) /m);
    } finally {
      rmSync(file, { force: true });
    }
  }, 90_000);
});
