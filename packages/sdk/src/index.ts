/**
 * @weerbaar/sdk — a typed client for any backend that implements the Weerbaar Reporting API v1.
 *
 * - `createClient`: discovery, content, reports and follow-up (this entry, for reporters' browsers)
 * - `createContentClient` from `@weerbaar/sdk/content`: public content only, without ky (for pages at first load)
 * - `createHandlerClient` from `@weerbaar/sdk/handler`: case management
 * - the contract's field limits from `@weerbaar/sdk/field-limits` (`import * as fieldLimits from …`)
 * - `openReportContent`, `openMessage`, `openAttachment` from `@weerbaar/sdk/crypto`: decrypt on the handler's side
 */
export { createClient, type ClientOptions, type SubmitOptions, type WeerbaarClient } from './client.js';
export type { FollowUpSession } from './follow-up.js';
export { WeerbaarApiError, WeerbaarCapabilityError, WeerbaarError, WeerbaarNetworkError, type ErrorKind } from './errors.js';
export type * from './types.js';
