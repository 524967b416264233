// The bench's attribution of long tasks by URL (bench/lib/long-tasks.mjs), fed a small trace made
// by hand in Chromium's trace event format: no browser runs here and nothing is timed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncompleteTraceError, attributeLongTasks } from '../bench/lib/long-tasks.mjs';

const origin = 'http://127.0.0.1:4000';
const ours = `${origin}/elements/chunks/lit-abc.js`;
const theirs = `${origin}/site.js`;
const PAGE = 10;
const OTHER = 20;

/** A renderer (pid) with its main thread, the page it parsed, and a profile sampling every 1 ms from `ts` 0. */
function renderer(pid, pageUrl, sampleUrls) {
  const nodes = [
    { id: 1, callFrame: { functionName: '(root)', url: '' } },
    { id: 2, parent: 1, callFrame: { functionName: '(program)', url: '' } },
    { id: 3, parent: 1, callFrame: { functionName: 'render', url: ours, lineNumber: 0, columnNumber: 1234 } },
    // A built-in called from our code: charged to the innermost frame with a URL (ours).
    { id: 4, parent: 3, callFrame: { functionName: 'createElement', url: '' } },
    { id: 5, parent: 1, callFrame: { functionName: 'onload', url: theirs } },
  ];
  const nodeOf = { program: 2, ours: 3, builtin: 4, theirs: 5 };
  return [
    { name: 'thread_name', ph: 'M', pid, tid: 1, args: { name: 'CrRendererMain' } },
    { name: 'ParseHTML', ph: 'X', pid, tid: 1, ts: 0, dur: 10, args: { beginData: { url: pageUrl } } },
    { name: 'Profile', ph: 'P', pid, tid: 2, id: '0x1', ts: 0, args: { data: { startTime: 0 } } },
    {
      name: 'ProfileChunk',
      ph: 'P',
      pid,
      tid: 2,
      id: '0x1',
      ts: 0,
      args: { data: { cpuProfile: { nodes, samples: sampleUrls.map((kind) => nodeOf[kind]) }, timeDeltas: sampleUrls.map(() => 1000) } },
    },
  ];
}

const task = (pid, startMs, ms, name = 'ThreadControllerImpl::RunTask') => ({ name, ph: 'X', pid, tid: 1, ts: startMs * 1000, dur: ms * 1000 });
const isOurs = (url) => url.startsWith(`${origin}/elements/`);

describe('long tasks attributed by URL', () => {
  // Samples at 1, 2, … ms: 1–60 mostly ours, 101–160 mostly theirs, 201–260 no script, 301–340 ours but short.
  const samples = [
    ...Array.from({ length: 60 }, (_, index) => (index < 25 ? 'ours' : index < 40 ? 'builtin' : index < 50 ? 'theirs' : 'program')),
    ...Array.from({ length: 40 }, () => 'program'),
    ...Array.from({ length: 60 }, (_, index) => (index < 20 ? 'ours' : 'theirs')),
    ...Array.from({ length: 40 }, () => 'program'),
    ...Array.from({ length: 60 }, () => 'program'),
    ...Array.from({ length: 40 }, () => 'program'),
    ...Array.from({ length: 40 }, () => 'ours'),
  ];
  const events = [
    ...renderer(PAGE, `${origin}/`, samples),
    // Chromium's own page in another renderer: a long task full of "our" URLs that is not the page's.
    ...renderer(OTHER, 'chrome://omnibox-popup.top-chrome/', Array.from({ length: 100 }, () => 'ours')),
    task(OTHER, 0, 90),
    task(PAGE, 0.5, 60),
    // The scheduler's wrapper inside the same task: one task, not two.
    task(PAGE, 0.6, 59.8, 'RunTask'),
    task(PAGE, 100.5, 60),
    task(PAGE, 200.5, 60),
    task(PAGE, 300.5, 40),
  ];

  it('counts a task over 50 ms as ours when most of its script samples are in our files', () => {
    const tasks = attributeLongTasks(events, { isOurs, pageOrigin: origin });
    assert.deepEqual(
      tasks.map(({ startMs, ms, ours: mine, scriptSamples }) => ({ startMs, ms, mine, scriptSamples })),
      [
        { startMs: 0, ms: 60, mine: true, scriptSamples: 50 },
        { startMs: 100, ms: 60, mine: false, scriptSamples: 60 },
        { startMs: 200, ms: 60, mine: false, scriptSamples: 0 },
      ],
    );
    assert.deepEqual(tasks[0].urls, { [ours]: 40, [theirs]: 10 });
    assert.equal(tasks[0].ourShare, 0.8);
    // Our samples by function and place in the file (the built-in's charged to the frame that called it).
    assert.deepEqual(tasks[0].frames, { [`${ours} render 0:1234`]: 40 });
  });

  it('says what each long task did: the events directly inside it by name (with the path of a script), largest first', () => {
    const at = (name, startMs, ms, args) => ({ name, ph: 'X', pid: PAGE, tid: 1, ts: startMs * 1000, dur: ms * 1000, ...(args && { args }) });
    const withWork = [
      ...events,
      at('EvaluateScript', 1, 10, { data: { url: ours } }),
      // Nested in the evaluation: counted with it, not again.
      at('v8.compileModule', 2, 5),
      at('UpdateLayoutTree', 12, 20),
      at('Layout', 33, 15),
      at('Layout', 49, 6),
      // Another thread, and after the task: not the task's.
      { ...at('Layout', 2, 40), tid: 7 },
      at('Layout', 100, 1),
    ];
    const [first] = attributeLongTasks(withWork, { isOurs, pageOrigin: origin });
    assert.deepEqual(first.work, { Layout: 21, UpdateLayoutTree: 20, 'EvaluateScript /elements/chunks/lit-abc.js': 10 });
    assert.deepEqual(Object.keys(first.work), ['Layout', 'UpdateLayoutTree', 'EvaluateScript /elements/chunks/lit-abc.js']);
  });

  it('follows the rule it states: exactly half is not most; a trace without the page or its profile is refused', () => {
    const half = [...renderer(PAGE, `${origin}/`, [...Array(30).fill('ours'), ...Array(30).fill('theirs')]), task(PAGE, 0.5, 60)];
    assert.equal(attributeLongTasks(half, { isOurs, pageOrigin: origin })[0].ours, false);
    assert.throws(() => attributeLongTasks(events, { isOurs, pageOrigin: 'http://127.0.0.1:5000' }), IncompleteTraceError);
    const withoutProfile = events.filter((event) => !(event.pid === PAGE && event.name === 'ProfileChunk'));
    assert.throws(() => attributeLongTasks(withoutProfile, { isOurs, pageOrigin: origin }), /no CPU profile/);
  });
});
