// The protocol drill (issue 16 item 6; contract 1.2 `runProtocolDrill`, CLI `weerbaar-server drill`):
// a municipality's yearly test that its protocols are real. A synthetic case — never stored — runs
// through every step of each protocol: its tasks are made in memory by the same code that makes a
// real case's tasks (protocolTasks, with the relatives counted as affected so the family steps are
// drilled too), and each task is checked against the people who would have to do it.
//
// What a step can be found to be (DrillFinding):
// - unreachable: `unknown-group` (the owner group does not exist) or `no-handler` (the group has no
//   active account with the handler role): nobody would ever see the task;
// - warnings: `no-notice-address` (no such handler has an e-mail address and no recipients are
//   configured, so the notices about it reach nobody), `due-before-previous` (due earlier than the
//   step before it, which it follows in the protocol), `no-office-hours-before-due` (no office hours
//   — Monday to Friday 9:00–17:00 in the organisation's time zone, public holidays not counted —
//   between the report's arrival and the step's due time).
import type { Schema } from '@weerbaar/spec';
import type { ProtocolCatalogue } from '../content/protocol-catalogue.js';
import type { ServerConfig } from '../config.js';
import type { PeopleStore, StoredAccount } from '../storage/people-store.js';
import { protocolTasks, zoneOffsetMs } from './protocol-tasks.js';

type Finding = Schema<'DrillFinding'>;
type DrillStep = Schema<'DrillStep'>;
export type ProtocolDrill = Schema<'ProtocolDrill'>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Office hours on a working day, in the organisation's local time. */
export const OFFICE_HOURS = { from: 9, to: 17 } as const;
const UNREACHABLE: ReadonlySet<Finding> = new Set(['unknown-group', 'no-handler']);

export interface DrillSetting {
  protocols: ProtocolCatalogue;
  /** Every account (active or not); only active handlers count. */
  accounts: readonly StoredAccount[];
  groupIds: ReadonlySet<string>;
  /** The configured notice recipients, used when nobody with access to a case has an address. */
  configuredRecipients: readonly string[];
  timeZone: string;
  /** When the synthetic report arrives. */
  receivedAt: string;
  /** The language of the titles. */
  locale: string;
}

/** Whether office hours fall anywhere between `from` and `until` (instants), in `timeZone`. */
export function officeHoursBetween(from: string, until: string, timeZone: string): boolean {
  const start = Date.parse(from);
  const end = Date.parse(until);
  // Wall-clock time in the time zone, written as if it were UTC, so days and hours can be read off.
  const localStart = start + zoneOffsetMs(start, timeZone);
  const localEnd = end + zoneOffsetMs(end, timeZone);
  const firstDay = Math.floor(localStart / DAY_MS) * DAY_MS;
  // Any span of a week or more holds working days; look at most eight days ahead.
  for (let day = firstDay; day < localEnd && day < firstDay + 8 * DAY_MS; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const open = day + OFFICE_HOURS.from * HOUR_MS;
    const close = day + OFFICE_HOURS.to * HOUR_MS;
    if (Math.max(open, localStart) < Math.min(close, localEnd)) return true;
  }
  return false;
}

/** Drills with the accounts and groups as they are now (read only: the drill writes nothing). */
export async function drillNow(
  { protocols, people, config }: { protocols: ProtocolCatalogue; people: PeopleStore; config: Pick<ServerConfig, 'organisation' | 'notifications'> },
  request: { receivedAt: string; locale: string; protocolId?: string | undefined },
): Promise<ProtocolDrill | undefined> {
  const [accounts, groupIds] = await Promise.all([people.accounts(request.receivedAt), people.groupIds()]);
  const setting = { protocols, accounts, groupIds, configuredRecipients: config.notifications.recipients, timeZone: config.organisation.timeZone, receivedAt: request.receivedAt, locale: request.locale };
  return runDrill(setting, request.protocolId);
}

/** The ids of every protocol, in the file's order. */
export function protocolIds(protocols: ProtocolCatalogue): string[] {
  return protocols.collection(protocols.locales.default).items.map((protocol) => protocol.id);
}

/** Drills `only` (a protocol id) or every protocol; undefined when `only` names no protocol. */
export function runDrill(setting: DrillSetting, only?: string): ProtocolDrill | undefined {
  const { protocols, receivedAt, timeZone, locale } = setting;
  const chosen = protocols.collection(protocols.locales.default).items.filter((protocol) => only === undefined || protocol.id === only);
  if (only !== undefined && chosen.length === 0) return undefined;
  const drilled = chosen.map((protocol) => {
    const titled = protocols.collection(locale).items.find((candidate) => candidate.id === protocol.id) ?? protocol;
    // The synthetic case: the protocol's first category and role, relatives affected, nothing stored.
    const tasks = protocolTasks(protocols, { category: protocol.categories[0]!, role: protocol.roles[0]!, receivedAt }, timeZone, true);
    const steps = tasks.map((task, index): DrillStep => {
      const step = protocol.steps.find((candidate) => candidate.id === task.stepId)!;
      const handlers = setting.accounts.filter((account) => account.active && account.roles.includes('handler') && account.groups.includes(task.ownerGroupId));
      const findings: Finding[] = [];
      if (!setting.groupIds.has(task.ownerGroupId)) findings.push('unknown-group');
      else if (handlers.length === 0) findings.push('no-handler');
      if (!handlers.some((account) => account.email) && setting.configuredRecipients.length === 0) findings.push('no-notice-address');
      const previous = tasks[index - 1];
      if (previous && task.dueAt < previous.dueAt) findings.push('due-before-previous');
      if (!officeHoursBetween(receivedAt, task.dueAt, timeZone)) findings.push('no-office-hours-before-due');
      const reachable = !findings.some((finding) => UNREACHABLE.has(finding));
      return {
        stepId: task.stepId,
        title: task.titles[locale] ?? step.title,
        ownerGroupId: task.ownerGroupId,
        due: step.due,
        dueAt: task.dueAt,
        activeHandlers: handlers.length,
        reachable,
        findings,
        result: !reachable ? 'unreachable' : findings.length ? 'warning' : 'ok',
      };
    });
    return { protocolId: protocol.id, title: titled.title, status: protocol.status, steps };
  });
  const all = drilled.flatMap((protocol) => protocol.steps);
  const unreachable = all.filter((step) => step.result === 'unreachable').length;
  return {
    receivedAt,
    timeZone,
    protocols: drilled,
    summary: { protocols: drilled.length, steps: all.length, unreachable, warnings: all.filter((step) => step.result === 'warning').length, passed: unreachable === 0 },
  };
}

const FINDING_TEXT: Record<Finding, string> = {
  'unknown-group': 'the owner group does not exist',
  'no-handler': 'the owner group has no active handler',
  'no-notice-address': 'no handler of the group has an e-mail address and no recipients are configured: notices reach nobody',
  'due-before-previous': 'due before the step before it',
  'no-office-hours-before-due': `no office hours (Mon–Fri ${OFFICE_HOURS.from}:00–${OFFICE_HOURS.to}:00) between arrival and due time`,
};

/** The drill as plain text for the terminal: one line per step, then the summary. */
export function drillText(drill: ProtocolDrill): string {
  const lines = [`Protocol drill: a synthetic report arriving ${drill.receivedAt} (${drill.timeZone}); nothing is stored.`];
  for (const protocol of drill.protocols) {
    lines.push('', `${protocol.protocolId} — ${protocol.title} (${protocol.status})`);
    for (const step of protocol.steps) {
      const mark = step.result === 'ok' ? 'OK  ' : step.result === 'warning' ? 'WARN' : 'FAIL';
      lines.push(`  ${mark} ${step.stepId}: group ${step.ownerGroupId}, ${step.activeHandlers} active handler${step.activeHandlers === 1 ? '' : 's'}, due ${step.due} (${step.dueAt})`);
      for (const finding of step.findings) lines.push(`         - ${FINDING_TEXT[finding]}`);
    }
  }
  const { summary } = drill;
  lines.push(
    '',
    `Summary: ${summary.protocols} protocol${summary.protocols === 1 ? '' : 's'}, ${summary.steps} steps; ${summary.unreachable} without a reachable owner, ${summary.warnings} with a warning.`,
    summary.passed ? 'Every step has a reachable owner.' : 'FAILED: at least one step has no reachable owner.',
  );
  return lines.join('\n');
}
