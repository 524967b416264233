// GET /statistics (contract 1.1, `caseManagement.statistics`): for auditors and admins.
import type { FastifyInstance } from 'fastify';
import { parsePeriod, statistics } from '../domain/statistics.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { callerOperation, requireRole } from '../security/caller.js';

export async function statisticsRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {

  defineOperation(
    app,
    context,
    'getStatistics',
    async ({ params, auth }) => {
      requireRole(auth, 'auditor', 'admin');
      const period = parsePeriod(params.period, context.config.organisation.timeZone);
      const form = context.content.reportForm();
      return statistics(period, await context.statistics.casesReceived(period.from, period.until), {
        minimumCellCount: context.config.statistics.minimumCellCount,
        categories: form.categories.map((category) => category.id),
        roles: form.roles.map((role) => role.id),
        now: context.now(),
      });
    },
    callerOperation(context),
  );
}
