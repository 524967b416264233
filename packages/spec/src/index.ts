/**
 * @weerbaar/spec — the Weerbaar Reporting API v1 contract.
 *
 * - `openapiDocument`: the OpenAPI 3.1 document (also `@weerbaar/spec/openapi.yaml` and `/openapi.json`)
 * - `paths`, `components`, `operations`: TypeScript types generated from it
 * - `fixtures`: golden valid and invalid example requests and responses
 * - `fieldLimits`: the contract's field limits (lengths, counts), derived from the document
 * - `SpecValidator` (from `@weerbaar/spec/validation`): validation against the document's schemas
 */
export type { paths, components, operations, webhooks, $defs } from './generated/schema.js';
export type { OperationId, Fixture, OpenApiDocument } from './contract-types.js';
export { openapiDocument } from './generated/openapi-document.js';
export { fixtures } from './generated/golden-fixtures.js';
export { API_VERSION } from './generated/version.js';
/** The contract's field limits, e.g. `fieldLimits.ContactDetails.email.maxLength` (also `@weerbaar/spec/field-limits`). */
export * as fieldLimits from './generated/field-limits.js';

import type { components } from './generated/schema.js';
/** A named schema of the contract, e.g. `Schema<'Discovery'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
