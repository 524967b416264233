import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, languages, mount, shadow, shadowAll, waitUntil } from '../../test/browser-helpers.js';
import { sampleSupport } from '../../test/sample-content.js';
import './define.js';
import type { SupportDirectory } from './support-directory.js';

function contactHeadings(directory: SupportDirectory, region: string): string[] {
  return shadowAll(directory, `${region} [part="contact"] [role="heading"]`).map((heading) => heading.textContent!.trim());
}

async function setSelect(directory: SupportDirectory, id: string, value: string): Promise<void> {
  const select = shadow<HTMLSelectElement>(directory, `#${id}`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await directory.updateComplete;
}

describe('<weerbaar-support-directory> from inline JSON', () => {
  for (const lang of languages) {
    it(`shows the emergency entry on top and every other contact with its details (${lang})`, async () => {
      const directory = await mount<SupportDirectory>(lang, 'weerbaar-support-directory', { json: sampleSupport[lang] });
      expect(contactHeadings(directory, '[part="emergency"]')).to.deep.equal([sampleSupport[lang].items[0]!.organisation]);
      expect(contactHeadings(directory, 'section:not([part])')).to.have.length(2);
      expect(shadow(directory, 'a[href="tel:0701234567"]')!.textContent).to.equal('070 123 45 67');
      expect(shadow(directory, 'a[href="mailto:vertrouwenspersoon@voorbeeldstad.example"]')).to.exist;
      expect(shadow(directory, 'a[href="https://www.weerbaarbestuur.example/"]')).to.exist;
      expect(shadow(directory, '[part="status"]')!.textContent).to.equal(lang === 'nl' ? '2 organisaties gevonden' : '2 organisations found');
      expect(shadow(directory, '[part="contact"] .meta')!.textContent).to.contain(lang === 'nl' ? '28 november 2026' : '28 November 2026');
      await expectAccessible(directory);
    });

    it(`writes each "checked on" day in words, the first of a month without a zero, and a value that is no day as it came (${lang})`, async () => {
      const [first, second, third] = sampleSupport[lang].items;
      const items = [{ ...first!, verifiedOn: '2026-03-01' }, { ...second!, verifiedOn: '2026-13-01' }, { ...third!, verifiedOn: 'gisteren' }];
      const directory = await mount<SupportDirectory>(lang, 'weerbaar-support-directory', { json: { ...sampleSupport[lang], items } });
      const dates = shadowAll(directory, '[part="contact"] .meta').map((meta) => meta.textContent!.replace(/\s+/g, ' '));
      expect(dates[0]).to.contain(lang === 'nl' ? 'op 1 maart 2026' : 'on 1 March 2026');
      expect(dates[1]).to.contain(lang === 'nl' ? 'op 2026-13-01' : 'on 2026-13-01');
      expect(dates[2]).to.contain(lang === 'nl' ? 'op gisteren' : 'on gisteren');
    });

    it(`filters by role, urgency, 24/7 and text, and never hides the emergency number (${lang})`, async () => {
      const directory = await mount<SupportDirectory>(lang, 'weerbaar-support-directory', { json: sampleSupport[lang] });
      await setSelect(directory, 'role', 'civil-servant');
      expect(contactHeadings(directory, 'section:not([part])')).to.have.length(1);
      await setSelect(directory, 'role', '');
      await setSelect(directory, 'urgency', 'urgent');
      expect(contactHeadings(directory, 'section:not([part])')).to.deep.equal(['Ondersteuningsteam Weerbaar Bestuur']);
      await setSelect(directory, 'urgency', '');
      shadow<HTMLInputElement>(directory, '#available247')!.click();
      await directory.updateComplete;
      expect(contactHeadings(directory, 'section:not([part])')).to.deep.equal(['Ondersteuningsteam Weerbaar Bestuur']);
      shadow<HTMLInputElement>(directory, '#q')!.focus();
      await sendKeys({ type: 'nothing matches this' });
      await directory.updateComplete;
      expect(contactHeadings(directory, 'section:not([part])')).to.deep.equal([]);
      expect(shadow(directory, '[part="status"]')!.textContent).to.contain('112');
      expect(contactHeadings(directory, '[part="emergency"]')).to.have.length(1);
      await expectAccessible(directory);
    });
  }

  it('finds contacts by the keywords of the content, whatever the case and accents', async () => {
    // No letter twice in a row: WebKit's driver types "ee" as "e".
    for (const [lang, typed] of [['nl', 'GEINTIMID bedreig'], ['en', 'INTIMIDATED council']] as const) {
      const directory = await mount<SupportDirectory>(lang, 'weerbaar-support-directory', { json: sampleSupport[lang] });
      shadow<HTMLInputElement>(directory, '#q')!.focus();
      await sendKeys({ type: typed });
      // WebKit's driver may still be typing when the command returns.
      await waitUntil(() => shadow<HTMLInputElement>(directory, '#q')!.value === typed, `typing did not finish (${lang})`);
      await directory.updateComplete;
      expect(contactHeadings(directory, 'section:not([part])')).to.deep.equal(['Ondersteuningsteam Weerbaar Bestuur']);
      expect(shadow(directory, '#q')!.getAttribute('aria-describedby')).to.equal('q-hint');
      await expectAccessible(directory);
    }
  });

  it('leaves out the hours row when the content gives no hours', async () => {
    const items = sampleSupport.nl.items.map((contact) => (contact.availability.hours ? { ...contact, availability: { always: false } } : contact));
    const directory = await mount<SupportDirectory>('nl', 'weerbaar-support-directory', { json: { locale: 'nl', items } });
    const rows = shadowAll(directory, 'section:not([part]) [part="contact"] dt').map((term) => term.textContent);
    expect(rows).to.include('Telefoon');
    expect(rows.filter((term) => term === 'Bereikbaar')).to.have.length(1);
  });

  it('starts with the role from its reporter-role attribute', async () => {
    const directory = await mount<SupportDirectory>('nl', 'weerbaar-support-directory', { json: sampleSupport.nl, attributes: { 'reporter-role': 'administrator' } });
    expect(shadow<HTMLSelectElement>(directory, '#role')!.value).to.equal('administrator');
    expect(contactHeadings(directory, 'section:not([part])')).to.deep.equal(['Ondersteuningsteam Weerbaar Bestuur']);
    await expectAccessible(directory);
  });

  it('renders hostile URLs from the backend as inert text', async () => {
    const hostile = {
      locale: 'nl',
      items: [
        {
          ...sampleSupport.nl.items[1]!,
          url: 'javascript:alert(1)',
          email: 'x@y.example?bcc=someone@else.example',
          source: { url: 'data:text/html,<script>alert(1)</script>' },
        },
      ],
    };
    const directory = await mount<SupportDirectory>('nl', 'weerbaar-support-directory', { json: hostile });
    const hrefs = shadowAll<HTMLAnchorElement>(directory, 'a').map((link) => link.getAttribute('href'));
    expect(hrefs.every((href) => /^(https:|tel:|mailto:[^?]+$)/.test(href!))).to.be.true;
    expect(hrefs.some((href) => href!.startsWith('javascript:') || href!.startsWith('data:'))).to.be.false;
    expect(shadow(directory, '[part="contact"]')!.textContent).to.contain('javascript:alert(1)');
  });
});

describe('<weerbaar-support-directory> without content', () => {
  for (const lang of languages) {
    it(`shows 112 while loading and when the backend cannot be reached (${lang})`, async () => {
      const directory = await mount<SupportDirectory>(lang, 'weerbaar-support-directory', { attributes: { api: 'http://127.0.0.1:9/v1' } });
      expect(shadow(directory, '[part="emergency"] a[href="tel:112"]')).to.exist;
      await expectAccessible(directory);
      await waitUntil(() => /112/.test(shadow(directory, '[part="status"]')!.textContent!), 'no error shown', { timeout: 15_000 });
      expect(shadow(directory, '[part="emergency"] a[href="tel:112"]')).to.exist;
      await expectAccessible(directory);
    });
  }

  it('shows 112 when the directory is empty', async () => {
    const directory = await mount<SupportDirectory>('nl', 'weerbaar-support-directory', { json: { locale: 'nl', items: [] } });
    expect(shadow(directory, '[part="emergency"] a[href="tel:112"]')).to.exist;
    expect(shadow(directory, '[part="status"]')!.textContent).to.contain('Er is geen organisatie');
  });
});
