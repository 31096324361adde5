import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { parse as parseYaml } from "yaml";
import {
  accessibilityViolations,
  ensureWebBuild,
  foreignRequests,
  launchBrowser,
  openPage,
  screenshot,
} from "../helpers/browser";
import { postGraphql, startGatewayProcess, type GatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, serveBody, type RouteHandler } from "../helpers/http-fixture-server";

const REPO = path.resolve(__dirname, "../../examples/helm-repo");

/** Sends the index in a few slow pieces, so that a sync's phases last long enough to be seen. */
function slowBody(body: Buffer, pieces = 6, delayMs = 120): RouteHandler {
  return async (_req, res) => {
    res.writeHead(200, {
      "content-type": "application/x-yaml",
      "content-length": String(body.length),
    });
    const size = Math.ceil(body.length / pieces);
    for (let offset = 0; offset < body.length; offset += size) {
      res.write(body.subarray(offset, offset + size));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    res.end();
  };
}

interface RunCounts {
  status: string;
  chartsSeen: number;
  versionsSeen: number;
  versionsAdded: number;
  versionsRemoved: number;
}

describe("the dashboard and the IDE in a real browser", () => {
  let gateway: GatewayProcess;
  let registry: FixtureServer;
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let dir: string;

  beforeAll(async () => {
    ensureWebBuild();
    dir = mkdtempSync(path.join(tmpdir(), "dashboard-"));
    registry = await FixtureServer.start();
    registry.route("/charts/index.yaml", slowBody(readFileSync(path.join(REPO, "index.yaml"))));
    registry.route(
      "/charts/kubernetes-dashboard-6.0.8.tgz",
      serveBody(readFileSync(path.join(REPO, "kubernetes-dashboard-6.0.8.tgz")), {
        contentType: "application/gzip",
      }),
    );
    gateway = await startGatewayProcess({
      DATABASE_URL: `sqlite:${path.join(dir, "gateway.sqlite")}`,
      SYNC_SCHEDULE: "false",
      SYNC_PROGRESS_INTERVAL: "10ms",
    });
    browser = await launchBrowser();
    ({ page, requests } = await openPage(browser, { width: 1366, height: 768 }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    gateway?.child.kill("SIGTERM");
    await gateway?.exited;
    await registry?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("adds a Helm registry through the form, showing a bad endpoint's error at its field", async () => {
    await page.goto(`${gateway.url}/`);
    await page.getByRole("heading", { name: "Registries" }).waitFor();
    // The progress subscription's socket is open.
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await screenshot(page, "1-registries-empty");

    await page.getByRole("button", { name: "Add registry" }).click();
    const dialog = page.getByRole("dialog", { name: "Add registry" });
    await dialog.getByLabel("Name").fill("dashboard-charts");
    const endpoint = dialog.getByLabel("Endpoint", { exact: true });

    // Not a URL the gateway accepts: BAD_USER_INPUT naming `endpoint`.
    await endpoint.fill("ftp://example.invalid/charts");
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expectFieldError(endpoint, /http or https/);

    // A URL that answers 404: the dry run fails, and says so at the endpoint.
    await endpoint.fill(registry.url("/nothing-here"));
    await dialog.getByRole("button", { name: "Validate" }).click();
    await expectFieldError(endpoint, /NOT_FOUND/);
    await screenshot(page, "2-add-registry-error");
    expect(await accessibilityViolations(page)).toEqual([]);

    await endpoint.fill(registry.url("/charts"));
    await dialog.getByRole("button", { name: "Validate" }).click();
    await dialog.getByRole("status").filter({ hasText: "Valid" }).waitFor();
    expect(await endpoint.getAttribute("aria-invalid")).toBe("false");
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("heading", { name: "dashboard-charts" }).waitFor();

    const data = await postGraphql<{ registries: { edges: { node: { name: string } }[] } }>(
      gateway.url,
      "{ registries { edges { node { name } } } }",
    );
    expect(data.registries.edges.map((e) => e.node.name)).toEqual(["dashboard-charts"]);
  });

  it("shows the sync's progress live, to done, with the counts the API gives", async () => {
    // No reload may happen: the marker lives as long as the document.
    // Browser code, as text (the tests compile without the DOM's types).
    await page.evaluate(`
      window.marker = 42;
      window.seen = [];
      new MutationObserver(() => {
        for (const element of document.querySelectorAll(".live")) {
          const text = element.dataset.status + ":" + element.querySelector(".status")?.textContent;
          if (window.seen[window.seen.length - 1] !== text) window.seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    `);
    await page.getByRole("button", { name: "Sync dashboard-charts" }).click();
    const bar = page.getByRole("progressbar", { name: "Sync of dashboard-charts" });
    await bar.waitFor();
    await page.locator('.live[data-status="SUCCEEDED"]').waitFor({ timeout: 20_000 });
    expect(await bar.getAttribute("aria-valuenow")).toBe("100");
    await screenshot(page, "3-sync-done");
    expect(await accessibilityViolations(page)).toEqual([]);

    const seen = (await page.evaluate("window.seen")) as string[];
    const running = seen.filter((s) => s.startsWith("RUNNING:"));
    expect(running.length).toBeGreaterThan(0);
    expect(running.some((s) => /FETCHING/.test(s))).toBe(true);
    expect(seen[seen.length - 1]).toMatch(/^SUCCEEDED:/);
    expect(await page.evaluate("window.marker")).toBe(42);

    const { registries } = await postGraphql<{
      registries: { edges: { node: { lastSyncRun: RunCounts } }[] };
    }>(
      gateway.url,
      "{ registries { edges { node { lastSyncRun { status chartsSeen versionsSeen versionsAdded versionsRemoved } } } } }",
    );
    const run = registries.edges[0].node.lastSyncRun;
    expect(run.status).toBe("SUCCEEDED");
    const index = parseYaml(readFileSync(path.join(REPO, "index.yaml"), "utf8")) as {
      entries: Record<string, unknown[]>;
    };
    expect(run.versionsAdded).toBe(index.entries["kubernetes-dashboard"].length);
    const live = page.locator(".live").first();
    for (const key of ["chartsSeen", "versionsSeen", "versionsAdded", "versionsRemoved"] as const) {
      expect(await live.locator(`[data-count="${key}"]`).textContent()).toBe(String(run[key]));
    }
    // The run history shows the run once the page refreshed its data (without reloading).
    await page.locator("table.runs").getByText("SUCCEEDED").first().waitFor();
  });

  it("searches a chart, opens it, resolves ^6.0 and shows a version's values", async () => {
    await page.getByRole("link", { name: "Charts", exact: true }).first().click();
    await page.getByRole("heading", { name: "Charts" }).waitFor();
    await page.getByRole("searchbox", { name: "Search" }).fill("dashboard");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "1 charts" }).waitFor();
    await screenshot(page, "4-chart-search");
    await page.getByRole("link", { name: "kubernetes-dashboard" }).click();
    await page.getByRole("heading", { name: "kubernetes-dashboard" }).waitFor();

    await page.getByLabel("Version or range").fill("^6.0");
    await page.getByRole("button", { name: "Resolve" }).click();
    const resolved = page.locator("output.resolved");
    await resolved.getByRole("link", { name: "6.0.8" }).waitFor();
    await screenshot(page, "5-chart-resolved");
    expect(await accessibilityViolations(page)).toEqual([]);

    await resolved.getByRole("link", { name: "6.0.8" }).click();
    await page.getByRole("heading", { name: "kubernetes-dashboard 6.0.8" }).waitFor();
    const values = page.locator('[data-content="values"]');
    await values.waitFor();
    // The values file of the package, as tar reads it.
    const text = await values.textContent();
    expect(text).toContain("image:");
    expect(text).toContain("kubernetesui/dashboard");
    await page.getByRole("tab", { name: "README" }).click();
    await page.locator("article.readme h1, article.readme h2").first().waitFor();
    await screenshot(page, "6-version-values");
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("works from the keyboard", async () => {
    await page.goto(`${gateway.url}/`);
    await page.getByRole("heading", { name: "Registries" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // Tab from the top reaches the skip link, then the navigation.
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Skip to content");
    await page.getByRole("button", { name: "Add registry" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Add registry" });
    await dialog.waitFor();
    // Focus moved into the dialog; Escape closes it.
    expect(await page.evaluate("document.activeElement.closest('[role=dialog]') !== null")).toBe(
      true,
    );
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("link", { name: "Charts", exact: true }).first().focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Charts" }).waitFor();

    // The checker finds what it should: an unlabelled input is a violation.
    await page.evaluate(
      "document.querySelector('main').appendChild(Object.assign(document.createElement('input'), { id: 'probe' }))",
    );
    expect((await accessibilityViolations(page)).map((v) => v.id)).toContain("label");
    await page.evaluate("document.getElementById('probe').remove()");
  });

  it("runs a query in the offline IDE; no request of any page left the gateway's origin", async () => {
    await page.goto(`${gateway.url}/graphql`);
    const run = page.getByRole("button", { name: /Execute query/ });
    await run.waitFor({ timeout: 30_000 });
    await page.locator(".graphiql-editor .monaco-editor").first().waitFor();
    await run.click();
    await page
      .locator(".graphiql-response")
      .getByText("dashboard-charts")
      .first()
      .waitFor({ timeout: 20_000 });
    await screenshot(page, "7-ide");

    // A subscription in the IDE, over graphql-ws: the dashboard's link opens it.
    await page.goto(`${gateway.url}/`);
    await page.getByRole("link", { name: "dashboard-charts" }).click();
    await page.getByRole("link", { name: "Watch in the IDE" }).click();
    await page.getByRole("button", { name: /Execute (query|subscription)/ }).click();
    const { registries } = await postGraphql<{ registries: { edges: { node: { id: string } }[] } }>(
      gateway.url,
      "{ registries { edges { node { id } } } }",
    );
    // Wait for the subscription to be set up, then sync from outside the page.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await postGraphql(gateway.url, "mutation($id: ID!) { syncRegistry(id: $id) { id } }", {
      id: registries.edges[0].node.id,
    });
    await page
      .locator(".graphiql-response")
      .getByText("SUCCEEDED")
      .first()
      .waitFor({ timeout: 20_000 });
    await screenshot(page, "8-ide-subscription");
    expect(foreignRequests(requests, gateway.url)).toEqual([]);
    expect(
      requests.some((url) => url.startsWith(`ws://${new URL(gateway.url).host}/graphql`)),
    ).toBe(true);
  });
});

async function expectFieldError(
  input: import("playwright-core").Locator,
  message: RegExp,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await input.getAttribute("aria-invalid")) !== "true" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await input.getAttribute("aria-invalid")).toBe("true");
  const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    describedBy
      .split(" ")
      .filter(Boolean)
      .map((id) => input.page().locator(`[id="${id}"]`).textContent()),
  );
  expect(texts.join(" ")).toMatch(message);
}
