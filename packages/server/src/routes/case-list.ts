// The case list (listCases): page numbers with counts (1.0), or cursor paging without counts (1.1,
// caseManagement.cursorPaging), with the same filters and sort; and the counts an inbox shows beside
// its filters (countCases).
import { caseScope } from '../domain/access.js';
import type { Caller } from '../security/caller.js';
import type { Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';
import { decodeCursor, encodeCursor, listDigest } from '../domain/case-cursor.js';
import { caseSummaryView } from '../domain/views.js';
import type { OperationParams } from '../http/operation.js';
import { fieldError, ProblemError, type Language } from '../http/problems.js';
import type { CaseFilter, CaseListEntry } from '../storage/store.js';

/** The store's sort column of each `sort` value the contract allows (a leading `-` sorts descending). */
const SORT_COLUMNS: Record<NonNullable<OperationParams<'listCases'>['sort']>, CaseFilter['sort']> = {
  receivedAt: 'receivedAt',
  '-receivedAt': 'receivedAt',
  acknowledgeDueAt: 'acknowledgeDueAt',
  '-acknowledgeDueAt': 'acknowledgeDueAt',
  feedbackDueAt: 'feedbackDueAt',
  '-feedbackDueAt': 'feedbackDueAt',
};

export async function listCasesAnswer(context: ServerContext, params: OperationParams<'listCases'>, language: Language, caller: Caller): Promise<Schema<'CaseList'> | Schema<'CaseCursorPage'>> {
  const visibleTo = caseScope(caller);
  const sort = params.sort ?? '-receivedAt';
  const pageSize = params.pageSize ?? 20;
  const cursorPaging = params.paging === 'cursor' || params.cursor !== undefined;
  const now = context.now();
  const errors = [];
  if (cursorPaging && params.page !== undefined) errors.push(fieldError('query:page', 'const', {}, language));
  if (params.paging === 'pages' && params.cursor !== undefined) errors.push(fieldError('query:cursor', 'const', {}, language));
  // Handler tokens belong to no person, so nothing is assigned to them.
  if (params.assignedToMe === true && caller.kind !== 'person') errors.push(fieldError('query:assignedToMe', 'const', {}, language));
  const filters = { status: params.status, category: params.category, role: params.role, overdue: params.overdue, group: params.group, assignedToMe: params.assignedToMe, sort };
  const digest = listDigest(filters);
  const after = typeof params.cursor === 'string' ? decodeCursor(params.cursor, digest) : undefined;
  if (typeof params.cursor === 'string' && !after) errors.push(fieldError('query:cursor', 'pattern', {}, language));
  if (errors.length) throw new ProblemError('validation', { errors });

  const page = params.page ?? 1;
  const filter: CaseFilter = {
    ...(params.status ? { status: params.status } : {}),
    ...(params.category ? { category: params.category } : {}),
    ...(params.role ? { role: params.role } : {}),
    ...(params.group ? { groupId: params.group } : {}),
    ...(visibleTo ? { visibleTo } : {}),
    ...(params.assignedToMe === true && caller.kind === 'person' ? { assignedTo: caller.account.id } : {}),
    ...(params.overdue === true ? { overdueAt: now } : {}),
    now,
    sort: SORT_COLUMNS[sort],
    descending: sort.startsWith('-'),
    ...(cursorPaging ? { offset: 0, limit: pageSize + 1, count: false, ...(after ? { after } : {}) } : { offset: (page - 1) * pageSize, limit: pageSize }),
  };
  const { items, total } = await context.store.listCases(filter);
  const groupNames = new Map((await context.people.groups()).map((group) => [group.id, group.name]));
  const assigned = caller.kind === 'person' ? await context.people.assignedCaseIds(caller.account.id) : undefined;
  const view = (entry: CaseListEntry) => {
    const groupId = entry.case.groupId;
    const name = groupId && groupNames.get(groupId);
    const access = { ...(groupId && name ? { group: { groupId, name } } : {}), ...(assigned ? { assignedToMe: assigned.has(entry.case.id) } : {}) };
    return caseSummaryView(entry, now, context.labels.labels(entry.case, { withContent: false }), access);
  };
  if (!cursorPaging) {
    return { items: items.map(view), page, pageSize, totalItems: total!, totalPages: Math.ceil(total! / pageSize) };
  }
  // One more than a page was read: if it is there, another page follows, starting after this page's last case.
  const shown = items.slice(0, pageSize);
  const last = shown.at(-1)?.case;
  return {
    items: shown.map(view),
    pageSize,
    ...(items.length > pageSize && last ? { nextCursor: encodeCursor(digest, { value: last[filter.sort], reference: last.reference }) } : {}),
  };
}

export async function caseCountsAnswer(context: ServerContext, caller: Caller): Promise<Schema<'CaseCounts'>> {
  return context.store.countCases(context.now(), caseScope(caller));
}
