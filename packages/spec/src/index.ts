/**
 * @weerbaar/spec — the Weerbaar Reporting API v1 contract.
 *
 * - `openapiDocument`: the OpenAPI 3.1 document (also `@weerbaar/spec/openapi.yaml` and `/openapi.json`)
 * - `paths`, `components`, `operations`: TypeScript types generated from it
 * - `fixtures`: golden valid and invalid example requests and responses
 * - `SpecValidator` (from `@weerbaar/spec/validation`): validation against the document's schemas
 */
export type { paths, components, operations, webhooks, $defs } from './generated/schema.js';
export type { OperationId, Fixture, OpenApiDocument } from './contract-types.js';
export { openapiDocument } from './generated/openapi-document.js';
export { fixtures } from './generated/golden-fixtures.js';
export { API_VERSION } from './generated/version.js';

import type { components } from './generated/schema.js';
/** A named schema of the contract, e.g. `Schema<'Discovery'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
