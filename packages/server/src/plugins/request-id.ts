// Every request gets a random id (fastify's `genReqId`), answered in `Request-Id` and written in its
// log lines, so that a reporter's "something went wrong" can be found without logging anything
// about them. Set as a fastify option (an id exists before any hook runs); the header itself is one
// of the base headers (security-headers.ts).
import { randomFillSync } from 'node:crypto';

const ID_BYTES = 12;
/**
 * Random bytes for 256 ids, drawn at once: one call to the system's generator per request cost
 * about 5 % of a content GET's CPU (issue 19). The ids are as random as before, only fetched in bulk.
 */
const pool = Buffer.alloc(ID_BYTES * 256);
let used = pool.length;

export function newRequestId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += ID_BYTES;
  return pool.toString('base64url', used - ID_BYTES, used);
}
