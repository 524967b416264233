// The safety net of the sample case (issue 16), answered from memory for Storybook: the protocol's
// tasks (ticked off and opened again as the backend would), the people affected and the check-ins.
import type { Case } from '@weerbaar/sdk';
import type { AffectedRole, CaseCheckIns, CaseTask, ProtocolCollection, WeerbaarHandlerClient } from '@weerbaar/sdk/handler';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();
const celik = { kind: 'person' as const, accountId: 'u_7Hq2Lm9Xc4Rt', name: 'Ö. Çelik' };

export interface SampleSafetyNet {
  /** Days from now each task is due; the first `done` tasks are ticked off. */
  dueInDays?: number[];
  done?: number;
  checkIns?: CaseCheckIns;
}

const steps = [
  { id: 'report-internally', title: 'Melding intern doorgegeven aan griffier en burgemeester', visibleToReporter: true },
  { id: 'agree-approach', title: 'Aanpak afgesproken tussen burgemeester en griffier', visibleToReporter: false },
  { id: 'aftercare-conversation', title: 'Nazorggesprek gepland', visibleToReporter: true },
  { id: 'safety-at-home', title: 'Veiligheid thuis besproken', visibleToReporter: true },
  { id: 'family-support', title: 'Steun voor uw naasten aangeboden', visibleToReporter: true },
];

const protocols: ProtocolCollection = {
  locale: 'nl',
  items: [
    {
      id: 'threat-council-member',
      title: 'Bedreiging van een raadslid',
      status: 'draft-for-review',
      categories: ['threat-intimidation'],
      roles: ['council-member'],
      steps: steps.map((step) => ({
        ...step,
        ownerGroupId: 'griffie',
        due: 'P1D',
        ...(step.id === 'safety-at-home'
          ? {
              description: 'De Regeling beveiligingsmaatregelen geldt voor burgemeesters en wethouders, niet voor raadsleden.',
              legalBasis: {
                text: 'Regeling beveiligingsmaatregelen decentrale politieke ambtsdragers: niet voor raadsleden',
                source: { url: 'https://zoek.officielebekendmakingen.nl/stcrt-2023-28233.html', title: 'Stcrt. 2023-28233' },
              },
            }
          : { sources: [{ url: 'https://www.weerbaarbestuur.nl/', title: 'Netwerk Weerbaar Bestuur' }] }),
      })),
    },
  ],
};

/** Check-ins of the sample: the first answered "onveilig" (a task made of it), the second missed, two to come. */
export const sampleCheckIns: CaseCheckIns = {
  stopped: false,
  items: [
    {
      checkInId: 'ci_4Hq8Lm2Nt6Rw9Yz3',
      opensAt: day(-5),
      dueAt: day(-3),
      status: 'answered',
      answeredAt: day(-5),
      answer: { wellbeing: 'not-well', feelsSafe: 'no', wantsContact: true, text: 'Er stond gisteren weer een auto voor mijn huis.' },
      taskId: 't_ci4Hq8Lm2Nt6Rw9Yz3',
    },
    { checkInId: 'ci_7Pz2Kx9Wb4Qm1Rt5', opensAt: day(1), dueAt: day(3), status: 'scheduled' },
    { checkInId: 'ci_2Dn6Fv8Hj3Ls5Tq9', opensAt: day(24), dueAt: day(26), status: 'scheduled' },
    { checkInId: 'ci_9Gb1Mc5Nx7Vz3Kp2', opensAt: day(84), dueAt: day(86), status: 'scheduled' },
  ],
};

/** The handler client's safety-net calls over one case in memory; `update` changes the case as the backend would. */
export function sampleSafetyNetCalls(
  { dueInDays = [0, 0, 0, 3, 1], done = 1, checkIns = sampleCheckIns }: SampleSafetyNet,
  update: (change: Partial<Case>) => Case,
): Partial<WeerbaarHandlerClient> {
  let tasks: CaseTask[] = steps.slice(0, 4).map((step, index) => ({
    taskId: `t_sample${index}`,
    protocolId: 'threat-council-member',
    stepId: step.id,
    title: step.title,
    ownerGroupId: 'griffie',
    dueAt: day(dueInDays[index] ?? 1),
    status: index < done ? 'done' : 'open',
    ...(index < done ? { doneAt: day(-5), doneBy: celik } : {}),
    visibleToReporter: step.visibleToReporter,
  }));
  return {
    getProtocols: async () => protocols,
    listTasks: async () => ({ items: tasks }),
    setTaskStatus: async (_caseId, taskId, status) => {
      tasks = tasks.map((task) => {
        if (task.taskId !== taskId) return task;
        const { doneAt: _at, doneBy: _by, ...open } = task;
        return status === 'done' ? { ...open, status, doneAt: new Date().toISOString(), doneBy: { kind: 'handler-token', name: 'Voorbeeld' } } : { ...open, status };
      });
      return tasks.find((task) => task.taskId === taskId)!;
    },
    setAffectedPeople: async (_caseId, affectedPeople: AffectedRole[]) => {
      const family = affectedPeople.some((role) => ['partner', 'children', 'other-relatives'].includes(role));
      if (family && !tasks.some((task) => task.stepId === 'family-support')) {
        const step = steps[4]!;
        tasks = [...tasks, { taskId: 't_sample4', protocolId: 'threat-council-member', stepId: step.id, title: step.title, ownerGroupId: 'griffie', dueAt: day(dueInDays[4] ?? 1), status: 'open', visibleToReporter: true }];
      }
      return update({ affectedPeople });
    },
    listCheckIns: async () => checkIns,
  };
}
