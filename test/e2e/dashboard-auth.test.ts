import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import { type Browser, type Page } from "playwright-core";
import {
  ensureWebBuild,
  foreignRequests,
  launchBrowser,
  openPage,
  screenshot,
} from "../helpers/browser";
import { startGatewayProcess, type GatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, serveBody } from "../helpers/http-fixture-server";

const REPO = path.resolve(__dirname, "../../examples/helm-repo");
const SECRET = "a-test-secret-of-at-least-thirty-two-bytes!";
const ISSUER = "https://issuer.example";
const AUDIENCE = "registry-catalog-gateway";

function token(role: string, tenant = "team-a"): Promise<string> {
  return new SignJWT({ tenant, role })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
}

describe("the dashboard with authentication configured", () => {
  let gateway: GatewayProcess;
  let registry: FixtureServer;
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let dir: string;

  beforeAll(async () => {
    ensureWebBuild();
    dir = mkdtempSync(path.join(tmpdir(), "dashboard-auth-"));
    registry = await FixtureServer.start();
    registry.route("/charts/index.yaml", serveBody(readFileSync(path.join(REPO, "index.yaml"))));
    gateway = await startGatewayProcess({
      DATABASE_URL: `sqlite:${path.join(dir, "gateway.sqlite")}`,
      SYNC_SCHEDULE: "false",
      AUTH_JWT_SECRET: SECRET,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
    browser = await launchBrowser();
    ({ page, requests } = await openPage(browser, { width: 1280, height: 800 }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    gateway?.child.kill("SIGTERM");
    await gateway?.exited;
    await registry?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("asks for a token, then works over HTTP and graphql-ws with it", async () => {
    await page.goto(`${gateway.url}/`);
    await page.getByRole("alert").filter({ hasText: "requires a bearer token" }).waitFor();
    await screenshot(page, "auth-1-sign-in-needed");

    // The token goes in the HTTP header and the graphql-ws connection parameters.
    const authorizations: string[] = [];
    page.on("request", (request) => {
      const header = request.headers()["authorization"];
      if (request.url().endsWith("/graphql") && header) authorizations.push(header);
    });
    const admin = await token("TENANT_ADMIN");
    await page.getByRole("button", { name: "Sign in" }).first().click();
    await page.getByLabel("Bearer token").fill(admin);
    await page.getByRole("dialog").getByRole("button", { name: "Sign in" }).click();
    await page.getByText("No registry yet.").waitFor();
    expect(authorizations).toContain(`Bearer ${admin}`);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();

    // Add, sync (progress arrives over the authenticated socket), edit, delete.
    await page.getByRole("button", { name: "Add registry" }).click();
    const dialog = page.getByRole("dialog", { name: "Add registry" });
    await dialog.getByLabel("Name").fill("team-charts");
    await dialog.getByLabel("Endpoint", { exact: true }).fill(registry.url("/charts"));
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("heading", { name: "team-charts" }).waitFor();
    await page.getByRole("button", { name: "Sync team-charts" }).click();
    await page.locator('.live[data-status="SUCCEEDED"]').waitFor({ timeout: 20_000 });

    await page.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: "Edit team-charts" });
    await edit.getByLabel("Name").fill("team-charts-renamed");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "team-charts-renamed" }).waitFor();
    await screenshot(page, "auth-2-registry");

    await page.getByRole("button", { name: "Edit" }).click();
    const again = page.getByRole("dialog", { name: "Edit team-charts-renamed" });
    await again.getByRole("button", { name: "Delete" }).click();
    await again.getByRole("button", { name: "Really delete team-charts-renamed" }).click();
    await page.getByText("No registry yet.").waitFor();
    expect(foreignRequests(requests, gateway.url)).toEqual([]);
  });

  it("shows a viewer's refusal as the gateway's typed error", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).first().click();
    await page.getByLabel("Bearer token").fill(await token("TENANT_VIEWER"));
    await page.getByRole("dialog").getByRole("button", { name: "Sign in" }).click();
    await page.getByText("No registry yet.").waitFor();
    await page.getByRole("button", { name: "Add registry" }).click();
    const dialog = page.getByRole("dialog", { name: "Add registry" });
    await dialog.getByLabel("Name").fill("not-allowed");
    await dialog.getByLabel("Endpoint", { exact: true }).fill(registry.url("/charts"));
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await dialog.getByRole("alert").filter({ hasText: "FORBIDDEN" }).waitFor();
    await screenshot(page, "auth-3-forbidden");
  });
});
