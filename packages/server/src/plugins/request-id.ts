// Every request gets a random id (fastify's `genReqId`), answered in `Request-Id` and written in its
// log lines, so that a reporter's "something went wrong" can be found without logging anything
// about them. Set as a fastify option (an id exists before any hook runs); the header itself is one
// of the base headers (security-headers.ts).
import { randomId } from '../security/tokens.js';

export function newRequestId(): string {
  return randomId('', 12);
}
