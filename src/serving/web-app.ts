import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Express } from "express";

/**
 * Where the built web app is (`npm run build` puts it in dist/web), from wherever the server
 * runs. Null when it was not built.
 */
export function webAppDirectory(): string | null {
  for (const candidate of [
    // From the sources (src/serving).
    path.resolve(__dirname, "../../dist/web"),
    // From dist/src/serving.
    path.resolve(__dirname, "../../web"),
    // From the tools build (build/src/serving: the benchmark, scripts).
    path.resolve(__dirname, "../../../dist/web"),
  ]) {
    if (
      existsSync(path.join(candidate, "index.html")) &&
      existsSync(path.join(candidate, "assets"))
    ) {
      return candidate;
    }
  }
  return null;
}

/**
 * The pages' Content-Security-Policy: code, styles, fonts, images and connections from the
 * gateway's own origin only (an air-gapped install loads everything from here; a chart's README
 * cannot make the browser fetch from elsewhere). Workers (the IDE's editor) are same-origin too.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/**
 * Serves the dashboard at `/` (DASHBOARD) and GraphiQL to browsers that open the GraphQL path
 * (GRAPHQL_IDE), both from the built web app; their assets under `/assets`. Must be mounted
 * before the GraphQL handler: a browser's GET of `/graphql` (HTML wanted, no `query`) is the IDE.
 */
export function mountWebApp(
  app: Express,
  options: { dashboard: boolean; ide: boolean; graphqlPath: string },
): { served: boolean } {
  if (!options.dashboard && !options.ide) return { served: false };
  const dir = webAppDirectory();
  if (!dir) {
    // Started from the sources without a build: say how to get the dashboard.
    if (options.dashboard) {
      app.get("/", (_req, res) => {
        res
          .status(503)
          .type("text/plain")
          .send(
            "The dashboard is not built: run `npm run build` (or `npm start`, which builds it).\n",
          );
      });
    }
    return { served: false };
  }
  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    res
      .set("content-security-policy", CSP)
      .set("x-content-type-options", "nosniff")
      .set("referrer-policy", "no-referrer")
      .set("cache-control", "no-cache")
      .sendFile(path.join(dir, file));
  };
  app.use(
    "/assets",
    express.static(path.join(dir, "assets"), {
      index: false,
      immutable: true,
      maxAge: "365d",
      fallthrough: false,
    }),
  );
  if (options.dashboard) {
    app.get("/", page("index.html"));
    if (existsSync(path.join(dir, "favicon.svg"))) {
      app.get("/favicon.svg", (_req, res) => res.sendFile(path.join(dir, "favicon.svg")));
    }
  }
  if (options.ide) {
    const ide = page("ide.html");
    app.get(options.graphqlPath, (req, res, next) => {
      const wantsHtml = req.accepts(["application/json", "text/html"]) === "text/html";
      if (wantsHtml && req.query["query"] === undefined) return ide(req, res);
      next();
    });
  }
  return { served: true };
}
