// React 19 through `/react`: the wrappers' props and event handlers are typed.
import { ReportButton, SignalChecklist } from '@weerbaar/elements/react';

export function App() {
  return (
    <main>
      <SignalChecklist api="/v1" onWeerbaarReportRequest={(event) => console.log(event.detail.signals.join(','))} />
      <ReportButton api="/v1" onWeerbaarReportSubmitted={(event) => console.log(event.detail.submittedAt.length)} />
    </main>
  );
}
