import type { operations } from './schema.js';

/** The `operationId` of every operation in the contract. */
export type OperationId = keyof operations;
