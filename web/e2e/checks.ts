import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** No serious or critical WCAG 2.1 AA violations on what the page shows now. */
export async function axe(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad).toEqual([]);
}

// Painted over what is random on every run (a party's join code).
const MASK = { maskColor: "#d4d4d8", timeout: 3_000 };

/**
 * The viewport (or only `part` of it) as docs/screenshots/{name}.png. The file is rewritten
 * only when the page looks different (playwright.config.ts: updateSnapshots "changed"),
 * so a run leaves the committed pictures alone unless a page changed.
 */
export async function shot(page: Page, name: string, hide: Locator[] = []): Promise<void> {
  await expect(page).toHaveScreenshot(`${name}.png`, { ...MASK, mask: hide });
}

export async function shotOf(part: Locator, name: string): Promise<void> {
  await expect(part).toHaveScreenshot(`${name}.png`, MASK);
}
