import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The dashboard (index.html) and the GraphQL IDE (ide.html), built into dist/web, which the
 * gateway serves. Everything they load is bundled here: no CDN, nothing from another origin.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  publicDir: path.join(here, "public"),
  build: {
    outDir: path.join(here, "../dist/web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: {
        index: path.join(here, "index.html"),
        ide: path.join(here, "ide.html"),
      },
    },
  },
  worker: { format: "es" },
});
