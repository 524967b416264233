// The protocol's steps as tasks on a case (contract 1.2, `caseManagement.protocols`): made when the
// case is created, from the protocol for its category and role, each due at the end of the day its
// offset leads to in the organisation's time zone; the family-support steps only when the report
// says relatives were affected. The reporter sees only the visible steps, and never who did them.
import type { Schema } from '@weerbaar/spec';
import type { ProtocolCatalogue } from '../content/protocol-catalogue.js';
import { randomId } from '../security/tokens.js';
import type { StoredCase, StoredTask } from '../storage/store.js';

/** The protocol id of the tasks aftercare check-ins become: they go on after the case is closed. */
export const AFTERCARE_PROTOCOL_ID = 'aftercare-check-in';

const RELATIVES: ReadonlySet<Schema<'AffectedRole'>> = new Set(['partner', 'children', 'other-relatives']);
const HOUR_MS = 3_600_000;

/** The offset of a `DueOffset` (`PT0S`, `P3D`, `PT4H`) in milliseconds. */
export function offsetMs(due: string): number {
  const [, days, hours] = /^P(?:(\d+)D|T(\d+)H|T0S)$/.exec(due) ?? [];
  return (Number(days ?? 0) * 24 + Number(hours ?? 0)) * HOUR_MS;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (milliseconds). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(instant / 1000) * 1000;
}

/** The end of the calendar day (in `timeZone`) that `offset` after `from` falls on: the next local midnight. */
export function dueAtEndOfDay(from: string, due: string, timeZone: string): string {
  const at = Date.parse(from) + offsetMs(due);
  const local = new Date(at + zoneOffsetMs(at, timeZone));
  const nextMidnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  const first = nextMidnightAsUtc - zoneOffsetMs(nextMidnightAsUtc, timeZone);
  return new Date(nextMidnightAsUtc - zoneOffsetMs(first, timeZone)).toISOString();
}

/** The tasks of a new case, in the protocol's order; none when no protocol applies. */
export function tasksForNewCase(protocols: ProtocolCatalogue, stored: Pick<StoredCase, 'category' | 'role' | 'content' | 'receivedAt'>, timeZone: string): StoredTask[] {
  return protocolTasks(protocols, stored, timeZone, relativesAmong(protocols.affectedPeople(stored.content)));
}

/** Whether the people affected include relatives (partner, children, other relatives). */
export function relativesAmong(roles: readonly Schema<'AffectedRole'>[] | undefined): boolean {
  return (roles ?? []).some((role) => RELATIVES.has(role));
}

/**
 * The family-support tasks a handler's recording of the people affected adds: the protocol's
 * `onlyWhenFamilyAffected` steps the case has no task for yet, due as the protocol says after
 * receipt; none when no relative is among `roles`.
 */
export function familyTasksToAdd(
  protocols: ProtocolCatalogue,
  stored: Pick<StoredCase, 'category' | 'role' | 'receivedAt'>,
  timeZone: string,
  roles: readonly Schema<'AffectedRole'>[],
  existing: readonly StoredTask[],
): StoredTask[] {
  if (!relativesAmong(roles)) return [];
  const made = new Set(existing.map((task) => `${task.protocolId}/${task.stepId}`));
  const always = new Set(protocolTasks(protocols, stored, timeZone, false).map((task) => task.stepId));
  return protocolTasks(protocols, stored, timeZone, true).filter((task) => !always.has(task.stepId) && !made.has(`${task.protocolId}/${task.stepId}`));
}

/** Every step of the protocol for the case as tasks, the family steps too when `familyAffected` (the drill drills them all). */
export function protocolTasks(protocols: ProtocolCatalogue, stored: Pick<StoredCase, 'category' | 'role' | 'receivedAt'>, timeZone: string, familyAffected: boolean): StoredTask[] {
  const protocol = protocols.protocolFor(stored.category, stored.role);
  if (!protocol) return [];
  const [reference] = protocol.values();
  return reference!.steps.flatMap((step, index) => {
    if (step.onlyWhenFamilyAffected && !familyAffected) return [];
    const titles = Object.fromEntries([...protocol].map(([locale, translated]) => [locale, translated.steps[index]!.title]));
    return [
      {
        taskId: randomId('t_'),
        protocolId: reference!.id,
        stepId: step.id,
        titles,
        ownerGroupId: step.ownerGroupId,
        dueAt: dueAtEndOfDay(stored.receivedAt, step.due, timeZone),
        status: 'open' as const,
        visibleToReporter: step.visibleToReporter,
      },
    ];
  });
}

function titleIn(task: StoredTask, locale: string, fallback: string): string {
  return task.titles[locale] ?? task.titles[fallback] ?? Object.values(task.titles)[0]!;
}

/** A task as handlers see it, its title in `locale`. */
export function taskView(task: StoredTask, locale: string, fallback: string): Schema<'CaseTask'> {
  return {
    taskId: task.taskId,
    protocolId: task.protocolId,
    stepId: task.stepId,
    title: titleIn(task, locale, fallback),
    ownerGroupId: task.ownerGroupId,
    dueAt: task.dueAt,
    status: task.status,
    ...(task.doneAt ? { doneAt: task.doneAt } : {}),
    ...(task.doneBy ? { doneBy: task.doneBy } : {}),
    visibleToReporter: task.visibleToReporter,
  };
}

/** The steps the reporter may see: visible tasks only, with no owner, actor or due time. */
export function followUpSteps(tasks: StoredTask[], locale: string, fallback: string): Schema<'FollowUpStep'>[] {
  return tasks
    .filter((task) => task.visibleToReporter)
    .map((task) => ({ title: titleIn(task, locale, fallback), done: task.status === 'done', ...(task.doneAt ? { doneAt: task.doneAt } : {}) }));
}
