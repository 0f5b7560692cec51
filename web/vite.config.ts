import tailwindcss from "@tailwindcss/vite";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** Writes `name.gz` beside each built script and stylesheet; FastFM sends it to browsers that accept gzip. */
function precompress(): Plugin {
  return {
    name: "fastfm-precompress",
    apply: "build",
    closeBundle() {
      const dir = join(import.meta.dirname, "dist", "assets");
      for (const name of readdirSync(dir)) {
        if (/\.(js|css|svg)$/.test(name)) writeFileSync(join(dir, `${name}.gz`), gzipSync(readFileSync(join(dir, name)), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [tailwindcss(), precompress()],
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, assetsDir: "assets", sourcemap: false },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
