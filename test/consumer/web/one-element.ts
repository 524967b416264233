// One element registered through its own `define.js` alone: its tag name and the events are typed.
import '@weerbaar/elements/signal-checklist/define.js';

const checklist = document.createElement('weerbaar-signal-checklist');
checklist.addEventListener('weerbaar-report-request', (event) => {
  const signals: string[] = event.detail.signals;
  console.log(signals.length);
});
document.body.append(checklist);
