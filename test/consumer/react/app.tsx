// React 19 through `/react` and the console's `/react/inbox`: the wrappers' props and event handlers are typed.
import { ReportButton, SignalChecklist } from '@weerbaar/elements/react';
import { CaseInbox, CaseView } from '@weerbaar/elements/react/inbox';

export function App() {
  return (
    <main>
      <SignalChecklist api="/v1" onWeerbaarReportRequest={(event) => console.log(event.detail.signals.join(','))} />
      <ReportButton api="/v1" onWeerbaarReportSubmitted={(event) => console.log(event.detail.submittedAt.length)} />
    </main>
  );
}

export function Console() {
  return (
    <main>
      <CaseInbox api="/v1" headingLevel={1} />
      <CaseView caseId="case-1" onWeerbaarCaseChanged={(event) => console.log(event.detail.caseId.length)} />
    </main>
  );
}
