import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpectedFailuresError, parseExpectedFailures } from '../src/index.js';

describe('an expected-failures file', () => {
  const expected = [
    { id: 'WRA-SEC-05', reason: 'added by the proxy in production' },
    { id: 'WRA-CONT-04', reason: "falls back to English: it's the default here" },
  ];

  it('is read from JSON', () => {
    assert.deepEqual(parseExpectedFailures(JSON.stringify(expected)), expected);
  });

  it('is read from the documented YAML list, with comments and quoted reasons', () => {
    const yaml = `# known issues\n- id: WRA-SEC-05\n  reason: added by the proxy in production\n\n- id: WRA-CONT-04 # tracked\n  reason: "falls back to English: it's the default here"\n`;
    assert.deepEqual(parseExpectedFailures(yaml), expected);
  });

  it('is refused without a reason, with an id that is not a check, or when it is not a list', () => {
    assert.throws(() => parseExpectedFailures('[{"id": "WRA-SEC-05", "reason": " "}]'), /entry 1 \(WRA-SEC-05\): give a reason/);
    assert.throws(() => parseExpectedFailures('- id: SEC-5\n  reason: x\n'), /must be a check ID/);
    assert.throws(() => parseExpectedFailures('{"WRA-SEC-05": "x"}'), ExpectedFailuresError);
    assert.throws(() => parseExpectedFailures('  reason: x\n'), /before the first "- id:"/);
  });
});
