// What a fresh clone promises: the files public-sector open source carries, the README's
// commands, and a CI script that runs exactly those commands.
import assert from 'node:assert/strict';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path) => readFile(join(root, path), 'utf8');
const packages = ['spec', 'sdk', 'elements', 'server', 'conformance'];

describe('the repository', () => {
  it('is licensed under the EUPL-1.2, in the licence file and every package', async () => {
    assert.match(await read('LICENSE'), /^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/);
    assert.match(await read('LICENSE'), /Appendix/);
    for (const name of ['.', ...packages.map((p) => `packages/${p}`)]) {
      assert.equal(JSON.parse(await read(`${name}/package.json`)).license, 'EUPL-1.2', name);
    }
  });

  it('tells npm users where the code, the issues and the supported Node versions are, with links that work on npm', async () => {
    const rootEngines = JSON.parse(await read('package.json')).engines;
    for (const name of packages) {
      const manifest = JSON.parse(await read(`packages/${name}/package.json`));
      assert.equal(manifest.repository?.directory, `packages/${name}`, name);
      assert.match(manifest.repository?.url ?? '', /^git\+https:\/\//, name);
      assert.match(manifest.homepage ?? '', /^https:\/\//, name);
      assert.match(manifest.bugs ?? '', /^https:\/\//, name);
      assert.deepEqual(manifest.engines, rootEngines, name);
      // npm shows the README away from the repository: a relative link would lead nowhere there.
      const relativeLinks = [...(await read(`packages/${name}/README.md`)).matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1])
        .filter((target) => !/^(https:|mailto:|tel:|#)/.test(target));
      assert.deepEqual(relativeLinks, [], `${name}/README.md`);
    }
  });

  it('describes itself in publiccode.yml (standard 0.4)', async () => {
    const publiccode = parse(await read('publiccode.yml'));
    assert.equal(publiccode.publiccodeYmlVersion, '0.4');
    assert.equal(publiccode.legal.license, 'EUPL-1.2');
    for (const key of ['name', 'url', 'platforms', 'categories', 'developmentStatus', 'softwareType', 'description', 'maintenance', 'localisation']) {
      assert.ok(publiccode[key], `publiccode.yml has ${key}`);
    }
    for (const language of ['nl', 'en']) {
      const description = publiccode.description[language];
      assert.ok(description.shortDescription.length <= 150, `${language} shortDescription fits 150 characters`);
      assert.ok(description.longDescription.length >= 150, `${language} longDescription has at least 150 characters`);
    }
  });

  it('has SECURITY.md and CONTRIBUTING.md, and a README for every package', async () => {
    assert.match(await read('SECURITY.md'), /vulnerab/i);
    assert.match(await read('CONTRIBUTING.md'), /changeset/i);
    for (const name of packages) assert.match(await read(`packages/${name}/README.md`), /^# @weerbaar\//, name);
  });

  it('has the scripts the README names', async () => {
    const scripts = JSON.parse(await read('package.json')).scripts;
    const readme = await read('README.md');
    for (const command of readme.matchAll(/`npm (?:run )?([a-z:]+)`/g)) {
      if (['ci', 'install'].includes(command[1])) continue;
      assert.ok(scripts[command[1]], `README names npm ${command[1]}, which package.json does not define`);
    }
    for (const script of ['build', 'start', 'test', 'bench', 'lint']) assert.ok(scripts[script], script);
  });

  it('runs exactly the README commands in CI, after installing the OS packages the README names', async () => {
    await access(join(root, '.ci', 'run'), constants.X_OK);
    const ci = await read('.ci/run');
    assert.match(ci, /^node scripts\/os-packages\.mjs install --build$/m);
    assert.match(ci, /^npm ci\b/m);
    assert.match(ci, /^npm test$/m);
    const { allPackages } = await import('../scripts/os-packages.mjs');
    const setUp = (await read('README.md')).split('## Set up a fresh machine')[1]?.split('\n## ')[0] ?? '';
    const aptLine = setUp.match(/^apt-get install .*$/m)?.[0] ?? '';
    for (const { name } of allPackages) assert.match(aptLine, new RegExp(`\\s${name.replace(/\+/g, '\\+')}(\\s|$)`), `README's apt-get line names ${name}`);
  });

  it('configures changesets for the @weerbaar packages', async () => {
    const config = JSON.parse(await read('.changeset/config.json'));
    assert.equal(config.baseBranch, 'main');
    assert.deepEqual(config.ignore, []);
  });
});
