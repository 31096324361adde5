import { ensureWebBuild } from "./browser";

/**
 * Jest's global set-up: the gateways the tests start serve the web app from dist/web, so it is
 * built first when missing or older than web/ (a no-op otherwise).
 */
export default function globalSetup(): void {
  ensureWebBuild();
}
