import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const root = path.resolve(__dirname, "../..");

/** Debian's chromium (installed by .ci/run); never a downloaded browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Where browser tests keep their screenshots (git-ignored). */
export const SCREENSHOTS = path.join(root, "test-results", "screenshots");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app (dist/web) unless a build newer than every file under web/ is there: the
 * gateway serves what `npm run build` made, and the tests drive that.
 */
export function ensureWebBuild(): void {
  const built = path.join(root, "dist/web/index.html");
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(path.join(root, "web"))) return;
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/vite/bin/vite.js"),
      "build",
      "--config",
      "web/vite.config.mts",
      "--logLevel",
      "error",
    ],
    {
      cwd: root,
      stdio: "inherit",
      timeout: 240_000,
      // Jest sets NODE_ENV=test; the gateway serves a production build.
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
}

/** Headless chromium with background networking off. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-gpu",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A page of `browser` at `viewport`, with a 10 s default timeout and its requests recorded. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(10_000);
  return { page, requests: recordRequests(page) };
}

/** Every URL a page requested (documents, scripts, styles, fonts, workers, XHR, WebSocket). */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("websocket", (socket) => urls.push(socket.url()));
  page.on("worker", (worker) => urls.push(worker.url()));
  return urls;
}

/** The requests that left `origin` (WebSocket on the same host and port counts as the origin). */
export function foreignRequests(urls: readonly string[], origin: string): string[] {
  const own = new URL(origin);
  return urls.filter((raw) => {
    if (raw.startsWith("data:") || raw.startsWith("blob:")) return false;
    const url = new URL(raw);
    return url.host !== own.host || !["http:", "ws:"].includes(url.protocol);
  });
}

/** Saves a full-page screenshot under test-results/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** One WCAG 2 A/AA rule a page breaks, as axe-core reports it. */
export interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules: labels, names, contrast, ARIA) on the page as it
 * is. axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  const source = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  return (await page.evaluate(`
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
      .then((result) => result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      })))
  `)) as Violation[];
}
