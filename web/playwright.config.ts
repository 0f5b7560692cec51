import { defineConfig } from "@playwright/test";

const chromium = process.env.FASTFM_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: {
    timeout: 10_000,
    // Anti-aliasing differs by a few pixels between runs; a page that changed differs by far more.
    toHaveScreenshot: { maxDiffPixels: 100, animations: "disabled", caret: "hide", scale: "css" },
  },
  // The screenshots are the README's pictures: rewritten when a page changed, else kept.
  snapshotPathTemplate: "{testDir}/../../docs/screenshots/{arg}{ext}",
  updateSnapshots: "changed",
  reporter: [["list"]],
  use: {
    baseURL: process.env.FASTFM_E2E_URL,
    browserName: "chromium",
    viewport: { width: 1200, height: 800 },
    launchOptions: {
      executablePath: chromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
});
