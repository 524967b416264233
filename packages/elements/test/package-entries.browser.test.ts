// The npm entries: the classes come without side effects; `define` registers, and tolerates a name already taken.
import { expect } from '@open-wc/testing';

const tags = ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory', 'weerbaar-report-button'];

describe('the package entries', () => {
  it('exports the classes without registering anything, then define registers all four', async () => {
    const classes = await import('../src/index.js');
    expect(tags.map((tag) => customElements.get(tag))).to.deep.equal([undefined, undefined, undefined, undefined]);
    await import('../src/define.js');
    expect(tags.map((tag) => customElements.get(tag))).to.deep.equal([classes.NormBanner, classes.SignalChecklist, classes.SupportDirectory, classes.ReportButton]);
  });

  it('leaves a name that is already taken alone instead of throwing', async () => {
    const { defineElement, NormBanner } = await import('../src/index.js');
    class Other extends HTMLElement {}
    expect(() => defineElement('weerbaar-norm-banner', Other)).not.to.throw();
    expect(customElements.get('weerbaar-norm-banner')).to.equal(NormBanner);
  });

  it('registers the console only through its own entry, never through define', async () => {
    await import('../src/define.js');
    expect(customElements.get('weerbaar-case-inbox')).to.be.undefined;
    const inbox = await import('../src/inbox.js');
    expect(customElements.get('weerbaar-case-inbox')).to.equal(inbox.CaseInbox);
  });

  it('registers the dilemma cards only through their own entry, never through define', async () => {
    const { DilemmaCards } = await import('../src/index.js');
    await import('../src/define.js');
    expect(customElements.get('weerbaar-dilemma-cards')).to.be.undefined;
    await import('../src/dilemma-cards/define.js');
    expect(customElements.get('weerbaar-dilemma-cards')).to.equal(DilemmaCards);
  });
});
