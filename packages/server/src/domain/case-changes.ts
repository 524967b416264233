// A change of a case committed together with what it announces: acknowledging, a first feedback
// and closing each enqueue their webhook event in the change's own transaction
// (notifications/change-events.ts), so a receiver hears of exactly the changes that committed.
import type { ServerContext } from '../context.js';
import { withChangeEvents } from '../notifications/change-events.js';
import type { CaseChange, StoredCase } from '../storage/store.js';

/** Whether a webhook receiver is configured (WEERBAAR_WEBHOOK_URL and its secret). */
export function webhooksOn(config: ServerContext['config']): boolean {
  return config.webhooks.url !== undefined && config.webhooks.secret !== undefined;
}

export async function commitCaseChange(context: Pick<ServerContext, 'store' | 'config' | 'now'>, found: StoredCase, change: CaseChange): Promise<void> {
  await context.store.changeCase(found.id, withChangeEvents(webhooksOn(context.config), found, change, context.now()));
}
