// Everything registered through `/define` alone: the tag names and the events are typed.
import '@weerbaar/elements/define';

const button = document.createElement('weerbaar-report-button');
button.addEventListener('weerbaar-report-submitted', (event) => {
  const when: string = event.detail.submittedAt;
  console.log(when.length);
});
button.addEventListener('weerbaar-report-dialog-open', (event) => {
  const mode: 'report' | 'follow-up' = event.detail.mode;
  console.log(mode);
});
const banner = document.querySelector('weerbaar-norm-banner');
banner?.addEventListener('weerbaar-norm-dismiss', (event) => console.log(event.detail.id, event.detail.version.toFixed(0)));
document.body.append(button);
