import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

/**
 * Serves examples/helm-repo as a Helm chart repository on 127.0.0.1 (port EXAMPLE_REPO_PORT,
 * default 8879), so the README's tour runs without internet access.
 */
// From dist/scripts (npm run example-repo) or from scripts (run from source).
const root = [
  path.resolve(__dirname, "../../examples/helm-repo"),
  path.resolve(__dirname, "../examples/helm-repo"),
].find((dir) => existsSync(path.join(dir, "index.yaml")))!;
const port = Number(process.env.EXAMPLE_REPO_PORT ?? 8879);

const server = createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
  const file = path.join(root, name);
  if (!file.startsWith(root + path.sep) || !/\.(yaml|tgz)$/.test(file)) {
    res.writeHead(404).end("not found\n");
    return;
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    res.writeHead(404).end("not found\n");
    return;
  }
  res.writeHead(200, {
    "content-type": file.endsWith(".yaml") ? "application/x-yaml" : "application/gzip",
    "content-length": String(size),
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`example Helm repository on http://127.0.0.1:${port} (Ctrl-C to stop)`);
});
