// A React 19 page that uses the published entries `@weerbaar/elements/react` and
// `@weerbaar/elements/react/inbox` (dist/, as npm users get them). react.test.ts bundles it with Vite (React ships CommonJS only, which the browser test
// runner cannot load), opens it in Chromium and calls these scenarios; each renders one wrapper
// through react-dom/client and reports what the element received and which events reached the props.
import { NormBanner, ReportButton, SignalChecklist, SupportDirectory } from '@weerbaar/elements/react';
import { CaseInbox, CaseView } from '@weerbaar/elements/react/inbox';
import type { NormBanner as NormBannerElement, ReportButton as ReportButtonElement, SignalChecklist as SignalChecklistElement, SupportDirectory as SupportDirectoryElement } from '@weerbaar/elements';
import type { CaseInbox as CaseInboxElement } from '@weerbaar/elements/inbox';
import { createElement, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { sampleChecklist, sampleNorms, sampleSupport } from '../sample-content.js';

type Updatable = HTMLElement & { updateComplete: Promise<boolean> };

const root = createRoot(document.getElementById('app')!);

/** Renders synchronously, then waits for the element's first Lit update. */
async function render<T extends Updatable>(tag: string, node: ReactNode): Promise<T> {
  flushSync(() => root.render(createElement('div', { lang: 'en' }, node)));
  const element = document.querySelector<T>(tag)!;
  await element.updateComplete;
  return element;
}

function inShadow<T extends Element>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${host.localName}: no ${selector}`);
  return found;
}

function buttonWithText(host: Element, text: string): HTMLButtonElement {
  const found = [...(host.shadowRoot?.querySelectorAll('button') ?? [])].find((button) => button.textContent?.trim() === text);
  if (!found) throw new Error(`${host.localName}: no button "${text}"`);
  return found;
}

/** Resolves when `events` holds an entry, or fails after a while (the dialog loads lazily). */
async function first<T>(events: T[]): Promise<T> {
  for (let tries = 0; tries < 200 && events.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (events.length === 0) throw new Error('no event reached the prop');
  return events[0]!;
}

function renderNormBanner(onDismiss: (detail: unknown) => void): Promise<NormBannerElement> {
  return render<NormBannerElement>(
    'weerbaar-norm-banner',
    createElement(NormBanner, { content: sampleNorms.en, normId: 'melden-helpt', dismissible: true, onWeerbaarNormDismiss: (event) => onDismiss(event.detail) }),
  );
}

export const scenarios = {
  /** Only renders the banner (for checks of the page as a person meets it). */
  async normBannerShown(): Promise<void> {
    await renderNormBanner(() => undefined);
  },

  async normBanner() {
    const dismissals: unknown[] = [];
    const banner = await renderNormBanner((detail) => dismissals.push(detail));
    const received = { normId: banner.normId, content: banner.content === sampleNorms.en, heading: inShadow(banner, '[part="heading"]').textContent?.trim() };
    inShadow<HTMLButtonElement>(banner, '[part="hide-button"]').click();
    return { received, event: await first(dismissals) };
  },

  async signalChecklist() {
    const requests: { signals: string[]; cancelled: boolean }[] = [];
    const checklist = await render<SignalChecklistElement>(
      'weerbaar-signal-checklist',
      createElement(SignalChecklist, {
        content: sampleChecklist.en,
        reportHref: 'https://meld.voorbeeldstad.example/melden',
        onWeerbaarReportRequest: (event) => {
          // Handled by the page: the checklist then does not follow reportHref.
          event.preventDefault();
          requests.push({ signals: event.detail.signals, cancelled: event.defaultPrevented });
        },
      }),
    );
    const received = { reportHref: checklist.reportHref, reportHrefAttribute: checklist.getAttribute('report-href') };
    for (const id of ['threats-home-visit', 'threats-online', 'bribery-gift-offered']) inShadow<HTMLInputElement>(checklist, `#signal-${id}`).click();
    await checklist.updateComplete;
    buttonWithText(checklist, 'Make a report').click();
    return { received, event: await first(requests) };
  },

  async supportDirectory() {
    const directory = await render<SupportDirectoryElement>(
      'weerbaar-support-directory',
      createElement(SupportDirectory, { content: sampleSupport.en, reporterRole: 'administrator' }),
    );
    await directory.updateComplete;
    return { received: { reporterRole: directory.reporterRole, roleFilter: inShadow<HTMLSelectElement>(directory, '#role').value } };
  },

  async reportButton() {
    const opened: unknown[] = [];
    const button = await render<ReportButtonElement>(
      'weerbaar-report-button',
      createElement(ReportButton, { mode: 'follow-up', onWeerbaarReportDialogOpen: (event) => opened.push(event.detail) }),
    );
    const received = { mode: button.mode, label: inShadow(button, '[part="button"]').textContent?.trim() };
    inShadow<HTMLButtonElement>(button, '[part="button"]').click();
    return { received, event: await first(opened) };
  },

  /** The console's module: the inbox without a backend shows its title. */
  async caseInbox() {
    const strings = { title: 'Handle reports here' };
    const inbox = await render<CaseInboxElement>('weerbaar-case-inbox', createElement(CaseInbox, { headingLevel: 2, strings }));
    const heading = inShadow(inbox, '[part="heading"]');
    return {
      received: { headingLevel: inbox.headingLevel, strings: inbox.strings === strings, stringsAttribute: inbox.getAttribute('strings') },
      shown: { level: heading.getAttribute('aria-level'), text: heading.textContent?.trim() },
    };
  },

  async caseView() {
    const closes: unknown[] = [];
    const view = await render<HTMLElementTagNameMap['weerbaar-case-view']>(
      'weerbaar-case-view',
      createElement(CaseView, { caseId: 'case-1', headingLevel: 3, onWeerbaarCaseViewClose: (event) => closes.push(event.detail) }),
    );
    const received = { caseId: view.caseId, headingLevel: view.headingLevel, heading: inShadow(view, '[part="heading"]').getAttribute('aria-level') };
    inShadow<HTMLButtonElement>(view, '[part="back-button"]').click();
    return { received, event: await first(closes) };
  },
};

declare global {
  interface Window {
    weerbaarReact: typeof scenarios;
  }
}
window.weerbaarReact = scenarios;
