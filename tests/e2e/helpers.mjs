// Shared e2e helpers: Debian's chromium through playwright-core, the repo's
// static server, screenshots kept under tests/e2e/screenshots/ for review.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
mkdirSync(SHOTS, { recursive: true });

export const SEEDS = ["000_f4f32ae1ca8a69d0.txt", "001_ffb8b093a4ec8e90.txt", "002_957b921f09bb17c1.txt", "003_9b0716382a39d7aa.txt", "004_116f1c2f58902dd8.txt"];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

export { startServer };

/** Collects page errors and console errors so a test can assert there were none. */
export function watch(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  return errors;
}

export const shot = (page, name, opts = {}) => page.screenshot({ path: `${SHOTS}${name}.png`, ...opts });
