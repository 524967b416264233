import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cdnDir, chunkName, firstLoadFiles, gzipBytes, readCdnManifest } from './built-files.js';

// PRODUCT.md: all four elements at first load, Lit included, at most 20 kB min+gzip, and that
// includes what the content elements load to fetch their content before anyone presses anything.
// While the entry holds the other three only, they must leave room for the report button's own code.
// Issue 19 (round 4) took them to 17,936 bytes (Dutch texts only, one file, the content client one chunk);
// the budget keeps about 3 % above that, so the bytes won stay won.
const allFourBudget = 18_500;
const withoutReportButtonBudget = 15_000;
// Issue 5: everything the report button loads before its first press, Lit included, at most 10 kB;
// issue 19 (round 4) took it to 8,950 bytes, and the budget to about 3 % above.
const reportButtonBudget = 9_200;
const reportButtonEntry = 'report-button.js';
// The report dialog, form, receipt and follow-up: what the first press loads (the dialog chunk and the
// SDK client it imports; the full SDK, loaded after, is not counted here). Measured 23,060 bytes with
// weerbaar.js and 23,576 with report-button.js (each entry has its own copy); the budget about 2 % above the larger.
const firstPressBudget = 24_000;
// Issue 15: the console (sign-in and inbox, Lit and the handler SDK included) at most 30 kB before any interaction.
const inboxBudget = 30_000;
const inboxEntry = 'inbox.js';
// Issue 17: the dilemma cards (their own build), Lit and the SDK's dilemmas entry they load at once
// included, before any interaction; measured 18,181 bytes, budget about 10 % above (18,617 once it could open
// filtered from the checklist's advice link).
const dilemmaCardsBudget = 20_000;
const dilemmaCardsEntry = 'dilemma-cards.js';

describe('the CDN bundle', () => {
  const manifest = readCdnManifest();
  const text = (file: string) => readFileSync(`${cdnDir}${file}`, 'utf8');
  const totalOf = (files: string[]) => files.reduce((sum, file) => sum + gzipBytes(file), 0);

  /** The first load, and the light content client it imports as soon as an element with `api` renders. */
  const firstLoadAndContentPath = () => {
    const firstLoad = firstLoadFiles(manifest);
    // What the first load imports dynamically, except what the report button imports on a press
    // (the dialog, the full SDK): the light content client the other three load once they render.
    // weerbaar.js and report-button.js are builds of their own, each with its own copy of those lazy
    // chunks: they are told apart by the chunk's name (`chunks/report-dialog-<hash>.js`), not its hash.
    const pressOnly = new Set(manifest.files[reportButtonEntry]!.dynamicImports.map(chunkName));
    const contentImports = [...new Set(firstLoad.flatMap((file) => manifest.files[file]!.dynamicImports))].filter((file) => !pressOnly.has(chunkName(file)));
    const contentPath = [...new Set(contentImports.flatMap((file) => firstLoadFiles(manifest, file)))].filter((file) => !firstLoad.includes(file));
    return { firstLoad, contentPath };
  };

  /** The console's first load: its entry and the handler SDK it imports lazily but at once (discovery, then sign-in). */
  const consoleFirstLoad = () => {
    const entryFiles = firstLoadFiles(manifest, inboxEntry);
    const lazy = [...new Set(entryFiles.flatMap((file) => manifest.files[file]!.dynamicImports))].filter((file) => manifest.files[file]);
    const sdkChunks = lazy.filter((file) => text(file).includes('sign-in/passkey'));
    assert.equal(sdkChunks.length, 1, 'the handler SDK is not one lazy chunk of the console');
    return [...new Set([...entryFiles, ...firstLoadFiles(manifest, sdkChunks[0])])];
  };

  it(`loads the elements with Lit in at most ${allFourBudget} bytes min+gzip (${withoutReportButtonBudget} without the report button) before any interaction`, () => {
    const files = firstLoadFiles(manifest);
    const total = totalOf(files);
    const withReportButton = files.some((file) => text(file).includes('weerbaar-report-button'));
    console.log(`first load: ${files.join(', ')} = ${total} bytes min+gzip${withReportButton ? ' (with the report button)' : ''}`);
    assert.ok(total <= (withReportButton ? allFourBudget : withoutReportButtonBudget), `${total} bytes`);
  });

  it(`loads all four elements and the content they fetch without interaction in at most ${allFourBudget} bytes min+gzip, without the full SDK`, () => {
    const { firstLoad, contentPath } = firstLoadAndContentPath();
    const contentCode = contentPath.map(text).join('\n');
    assert.ok(contentCode.includes('If-None-Match') && contentCode.includes('credentials:"omit"'), `no content client in ${contentPath.join(', ')}`);
    assert.doesNotMatch(contentCode, /Idempotency-Key|retryOnTimeout/, 'the content path loads the full SDK (ky)');
    const files = [...firstLoad, ...contentPath];
    const total = totalOf(files);
    console.log(`first load + content path: ${files.join(', ')} = ${total} bytes min+gzip`);
    assert.ok(total <= allFourBudget, `${total} bytes`);
  });

  it('keeps the SDK out of the first load: its chunks load only through a dynamic import', () => {
    const firstLoad = firstLoadFiles(manifest);
    // The SDK's transport is the only code that sends these headers.
    const sdkChunks = Object.keys(manifest.files).filter((file) => /Idempotency-Key|If-None-Match/.test(text(file)));
    assert.ok(sdkChunks.length > 0, 'no SDK chunk in the bundle');
    assert.deepEqual(sdkChunks.filter((file) => firstLoad.includes(file)), [], 'SDK code in the first load');
    const loadedLazily = new Set(Object.values(manifest.files).flatMap((file) => file.dynamicImports));
    assert.ok(sdkChunks.some((file) => loadedLazily.has(file)), 'the SDK chunk is not imported dynamically');
  });

  /** What an entry's first press loads: its dialog chunk and the chunks that imports which the first load did not. */
  const firstPressFiles = (entry: string) => {
    const firstLoad = firstLoadFiles(manifest, entry);
    const lazy = new Set(firstLoad.flatMap((file) => manifest.files[file]!.dynamicImports));
    const dialog = [...lazy].filter((file) => text(file).includes('BEGIN:VCALENDAR'));
    assert.equal(dialog.length, 1, `the dialog is not one lazy chunk of ${entry}`);
    return firstLoadFiles(manifest, dialog[0]).filter((file) => !firstLoad.includes(file));
  };

  it(`loads the report button alone (${reportButtonEntry}), Lit included, in at most ${reportButtonBudget} bytes min+gzip before its first press`, () => {
    const files = firstLoadFiles(manifest, reportButtonEntry);
    const total = totalOf(files);
    console.log(`report button first load: ${files.join(', ')} = ${total} bytes min+gzip`);
    assert.ok(total <= reportButtonBudget, `${total} bytes`);
  });

  // Each of the two entries is a build of its own, with its own dialog chunk (which imports Lit from that entry).
  it('loads the dialog, the form and the calendar file only on the first press, in a lazy chunk', () => {
    const dialogChunks = Object.keys(manifest.files).filter((file) => text(file).includes('BEGIN:VCALENDAR'));
    for (const entry of [manifest.entry, reportButtonEntry]) {
      const firstLoad = firstLoadFiles(manifest, entry);
      const lazy = firstLoad.flatMap((file) => manifest.files[file]!.dynamicImports);
      const ownDialog = dialogChunks.filter((file) => lazy.includes(file));
      assert.equal(ownDialog.length, 1, `the dialog is not one lazy chunk of ${entry}`);
      assert.ok(!firstLoad.includes(ownDialog[0]!), `the dialog is in the first load of ${entry}`);
      assert.doesNotMatch(firstLoad.map(text).join('\n'), /showModal/, `dialog code in the first load of ${entry}`);
    }
    assert.equal(dialogChunks.length, 2, 'a dialog chunk that neither entry loads');
  });

  it(`loads the report dialog on the first press in at most ${firstPressBudget} bytes min+gzip, from either entry`, () => {
    for (const entry of [manifest.entry, reportButtonEntry]) {
      const files = firstPressFiles(entry);
      const total = totalOf(files);
      console.log(`first press (${entry}): ${files.join(', ')} = ${total} bytes min+gzip`);
      assert.ok(total <= firstPressBudget, `${total} bytes from ${entry}`);
    }
  });

  it('publishes a Subresource Integrity hash (sha384) for every file that matches its bytes', () => {
    for (const [file, { integrity, bytes }] of Object.entries(manifest.files)) {
      const content = readFileSync(`${cdnDir}${file}`);
      assert.equal(content.length, bytes, file);
      assert.equal(integrity, `sha384-${createHash('sha384').update(content).digest('base64')}`, file);
    }
  });

  it(`loads the console (${inboxEntry}), Lit and the handler SDK included, in at most ${inboxBudget} bytes min+gzip before any interaction`, () => {
    const files = consoleFirstLoad();
    const total = totalOf(files);
    console.log(`console first load: ${files.join(', ')} = ${total} bytes min+gzip`);
    assert.ok(total <= inboxBudget, `${total} bytes`);
  });

  /** The dilemma cards' first load: the entry and the SDK's dilemmas entry it imports as soon as it renders (not the share form). */
  const dilemmaCardsFirstLoad = () => {
    const entryFiles = firstLoadFiles(manifest, dilemmaCardsEntry);
    const lazy = manifest.files[dilemmaCardsEntry]!.dynamicImports;
    const sdkChunks = lazy.filter((file) => text(file).includes('Idempotency-Key'));
    assert.equal(sdkChunks.length, 1, 'the dilemmas SDK is not one lazy chunk of the dilemma cards');
    return [...new Set([...entryFiles, ...firstLoadFiles(manifest, sdkChunks[0])])];
  };

  it(`loads the dilemma cards (${dilemmaCardsEntry}), Lit and the dilemmas SDK included, in at most ${dilemmaCardsBudget} bytes min+gzip before any interaction`, () => {
    const files = dilemmaCardsFirstLoad();
    const total = totalOf(files);
    console.log(`dilemma cards first load: ${files.join(', ')} = ${total} bytes min+gzip`);
    assert.ok(total <= dilemmaCardsBudget, `${total} bytes`);
  });

  it('loads the share form and the sealing of a dilemma only when someone opens the form', () => {
    const firstLoad = dilemmaCardsFirstLoad();
    // The form registers itself under this name (the cards only listen for its close event).
    const formChunks = Object.keys(manifest.files).filter((file) => text(file).includes('"weerbaar-dilemma-share"'));
    assert.equal(formChunks.length, 1, 'the share form is not one chunk');
    assert.ok(manifest.files[dilemmaCardsEntry]!.dynamicImports.includes(formChunks[0]!), 'the cards do not import the share form lazily');
    assert.ok(!firstLoad.includes(formChunks[0]!), 'the share form is in the first load');
    assert.doesNotMatch(firstLoad.map(text).join('\n'), /hpke|"weerbaar-dilemma-share"/i, 'form or sealing code in the first load');
  });

  it('keeps the console out of every file the public elements load, at first or later', () => {
    const everythingOf = (entry: string): string[] => {
      const files = new Set<string>();
      const visit = (file: string) => {
        // Not a file of ours: a bare import left external (@hpke/core's Node fallback `import("crypto")`).
        if (files.has(file) || !manifest.files[file]) return;
        files.add(file);
        for (const imported of [...manifest.files[file]!.imports, ...manifest.files[file]!.dynamicImports]) visit(imported);
      };
      visit(entry);
      return [...files];
    };
    const publicFiles = new Set([manifest.entry, reportButtonEntry].flatMap(everythingOf));
    assert.ok(!publicFiles.has(inboxEntry));
    for (const file of publicFiles) assert.doesNotMatch(text(file), /weerbaar-case-inbox|sign-in\/passkey/, file);
    // And the other way round: the console shares no file with them (its own build), so they never change because of it.
    assert.deepEqual(everythingOf(inboxEntry).filter((file) => publicFiles.has(file)), []);
    // The dilemma cards are a build of their own too: the four elements' files never hold or load them.
    for (const file of publicFiles) assert.doesNotMatch(text(file), /weerbaar-dilemma-cards/, file);
    assert.deepEqual(everythingOf(dilemmaCardsEntry).filter((file) => publicFiles.has(file)), []);
  });

  // The README's size table is where users look: it must say what this build measures. Its figures
  // are rounded to 0.1 kB and may trail the build by 2 % (so that every small change need not touch
  // the README), never more.
  it("states the measured sizes in the package README's size table", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const { firstLoad, contentPath } = firstLoadAndContentPath();
    const measured: Array<[row: string, bytes: number]> = [
      ['`weerbaar.js`', totalOf(firstLoad)],
      ['the same + the light content client', totalOf([...firstLoad, ...contentPath])],
      ['`report-button.js`', totalOf(firstLoadFiles(manifest, reportButtonEntry))],
      ['the report dialog, form, receipt and follow-up', totalOf(firstPressFiles(manifest.entry))],
      ['`inbox.js`', totalOf(consoleFirstLoad())],
      ['`dilemma-cards.js`', totalOf(dilemmaCardsFirstLoad())],
    ];
    for (const [row, bytes] of measured) {
      const line = readme.split('\n').find((candidate) => candidate.startsWith(`| ${row}`));
      assert.ok(line, `no row "${row}" in the README's size table`);
      const stated = /\*\*about ([\d.]+) kB\*\*/.exec(line)?.[1];
      assert.ok(stated, `the row "${row}" states no figure as **about N.N kB**`);
      const off = Math.abs(Number(stated) * 1000 - bytes) / bytes;
      assert.ok(off <= 0.02, `the README says about ${stated} kB for ${row}; the build measures ${bytes} bytes (${(bytes / 1000).toFixed(1)} kB)`);
    }
  });
});
