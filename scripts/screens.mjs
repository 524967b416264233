// npm run screens: a screenshot of every step of the report dialog, in Dutch and English, at 1280
// and 390 CSS pixels wide, into packages/elements/docs/screens/ — so that a reviewer sees the flow
// without running it. Uses the built server and elements (npm run build) and Chromium
// (/usr/bin/chromium, CHROME_PATH for another), against a throwaway reference server.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { startReferenceServer } from '../test-support/reference-server.mjs';

const out = fileURLToPath(new URL('../packages/elements/docs/screens/', import.meta.url));
const elementsDir = fileURLToPath(new URL('../packages/elements/dist/cdn/', import.meta.url));
const widths = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const texts = {
  nl: { page: '/melden', report: 'Melden bij de organisatie', next: 'Volgende', send: 'Melding versturen', back: 'Terug naar de code', followUp: 'Volg uw melding', open: 'Bekijken' },
  en: { page: '/en/report', report: 'Report to the organisation', next: 'Next', send: 'Send report', back: 'Back to the code', followUp: 'Follow your report', open: 'View' },
};

/** Walks one language at one width through the flow, saving `lang-width-nn-step.png` at each step. */
async function walk(browser, origin, lang, viewport) {
  const t = texts[lang];
  const page = await browser.newPage({ viewport, locale: lang === 'nl' ? 'nl-NL' : 'en-GB', timezoneId: 'Europe/Amsterdam' });
  let shot = 0;
  const save = async (step) => {
    await page.waitForTimeout(150); // let focus and scrolling settle
    shot += 1;
    await page.screenshot({ path: join(out, `${lang}-${viewport.width}-${String(shot).padStart(2, '0')}-${step}.png`) });
  };
  const button = (name) => page.getByRole('button', { name, exact: true });
  const heading = (pattern) => page.locator('#step-heading', { hasText: pattern }).waitFor();

  await page.goto(`${origin}${t.page}`);
  await save('page');
  await page.locator('weerbaar-report-button [part="button"]').click();
  await heading(/./);
  await save('choose');
  await button(t.report).click();
  await heading(/1/);
  await button(t.next).click();
  await page.locator('#error-summary').waitFor();
  await save('error-summary');
  await page.locator('#role-civil-servant').check();
  await page.locator('#category-bribery').check();
  await save('about');
  await button(t.next).click();
  await heading(/2/);
  await page.locator('#description').fill(lang === 'nl' ? 'Na de commissievergadering bood een projectontwikkelaar mij een reis aan.' : 'After the committee meeting a developer offered me a trip.');
  await page.locator('#when-date').check();
  await page.locator('#occurredOn').fill('2026-11-20');
  await page.locator('#location').fill(lang === 'nl' ? 'Stadhuis' : 'Town hall');
  await save('what');
  await button(t.next).click();
  await heading(/3/);
  await page.locator('#q-reportedToPolice-no').check();
  await save('questions');
  await button(t.next).click();
  await heading(/4/);
  await page.locator('#contactable-anonymous').check();
  await save('contact');
  await button(t.next).click();
  await heading(/5/);
  await save('review');
  await button(t.send).click();
  await page.locator('[part="receipt"]').waitFor({ timeout: 30_000 });
  await save('receipt');
  await page.keyboard.press('Escape');
  await page.locator('#receipt-heading').waitFor();
  await save('receipt-guard');
  await button(t.back).click();
  await button(t.followUp).click();
  await button(t.open).click();
  await page.locator('[part="case-status"]').waitFor({ timeout: 30_000 });
  await save('case');
  await page.close();
}

await mkdir(out, { recursive: true });
for (const file of await readdir(out)) if (file.endsWith('.png')) await rm(join(out, file));
const server = await startReferenceServer({ handlerToken: false, env: { WEERBAAR_ELEMENTS_DIR: elementsDir } });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
try {
  for (const lang of ['nl', 'en']) for (const viewport of widths) await walk(browser, server.origin, lang, viewport);
  console.log(`screens: ${(await readdir(out)).filter((file) => file.endsWith('.png')).length} screenshots in ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
