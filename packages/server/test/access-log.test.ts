// The access log lines of replayed answers (plugins/access-log.ts), formatted without pino's general
// path for speed: held here to the bytes pino writes for the same line, and to pino's level.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { AccessLogLine } from '../src/http/answer-replay.js';
import { accessLogText, batchedAccessLog, pinoBase } from '../src/plugins/access-log.js';

const TIME = 1_796_330_675_945;
const LINES: AccessLogLine[] = [
  { reqId: '5H_8ysRensncJEaH', method: 'GET', route: '/v1/norms', status: 200, ms: 0 },
  { reqId: 'DI21ZQ2ych_T5gSl', method: 'HEAD', route: '/v1/support-contacts', status: 304, ms: 12 },
  // Characters JSON must escape, should a route ever hold them.
  { reqId: 'x', method: 'GET', route: '/v1/"quoted"\\back\u0001slash/é', status: 200, ms: 1234 },
];

describe('the access log of replayed answers', () => {
  it('writes each line byte for byte as pino writes it at level info', () => {
    let written = '';
    const logger = pino({ level: 'info', timestamp: () => `,"time":${TIME}` }, { write: (text: string) => void (written += text) });
    for (const line of LINES) {
      written = '';
      logger.info(line, 'request');
      assert.equal(accessLogText(line, TIME, pinoBase()), written);
    }
  });

  it('writes the lines together when the batch is flushed, and none at a level above info', () => {
    for (const [level, expected] of [['info', LINES.length], ['debug', LINES.length], ['warn', 0], ['silent', 0]] as const) {
      const writes: string[] = [];
      const log = batchedAccessLog(level, { write: (text: string) => writes.push(text) });
      for (const line of LINES) log.write(line);
      log.flush();
      const lines = writes.join('').split('\n').filter(Boolean);
      assert.equal(lines.length, expected, level);
      assert.ok(writes.length <= 1, `${level}: one write for the batch`);
      for (const [index, text] of lines.entries()) assert.equal((JSON.parse(text) as { reqId: string }).reqId, LINES[index]!.reqId);
    }
  });
});
