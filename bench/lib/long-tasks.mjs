// Long tasks attributed by URL, from a Chromium trace (the categories below): which tasks over
// 50 ms on a page's main thread were spent mostly in OUR scripts. No imports: the bench's own test
// (test/bench-long-tasks.test.mjs) feeds it trace events directly.
//
// The rule: a task is a top-level `RunTask` (or `ThreadControllerImpl::RunTask`) on a renderer's
// main thread (`CrRendererMain`) lasting more than 50 ms. Its script time is read from V8's sampling
// profiler (the `ProfileChunk` events of that renderer): each sample inside the task is charged to
// the URL of the innermost JavaScript frame that has one (a sample without any such frame — layout,
// style, parsing, garbage collection, idle — is not script). The task is OURS when more than half of
// its script samples are charged to our files (`isOurs(url)`; the bench: every file under
// `/elements/` of the page's origin — the entries, their chunks and the SDK chunks). Layout and
// style inside such a task count with it: they are the work our script caused.

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'disabled-by-default-v8.cpu_profiler'];

export const LONG_TASK_MS = 50;

/** The trace lacks what the attribution needs (Chromium sometimes drops a trace's events): load again. */
export class IncompleteTraceError extends Error {}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The samples of every CPU profile in the trace, by process: `[{ ts, url }]` sorted by time (µs). */
function samplesByProcess(events) {
  const profiles = new Map();
  const profileOf = (event) => {
    const key = `${event.pid}:${event.id}`;
    if (!profiles.has(key)) profiles.set(key, { pid: event.pid, startTime: undefined, urlOf: new Map(), parentOf: new Map(), chunks: [] });
    return profiles.get(key);
  };
  for (const event of events) {
    if (event.name === 'Profile') profileOf(event).startTime = event.args?.data?.startTime ?? event.ts;
    if (event.name !== 'ProfileChunk') continue;
    const profile = profileOf(event);
    const { cpuProfile = {}, timeDeltas = [] } = event.args?.data ?? {};
    for (const node of cpuProfile.nodes ?? []) {
      profile.urlOf.set(node.id, node.callFrame?.url ?? '');
      profile.frameOf ??= new Map();
      profile.frameOf.set(node.id, node.callFrame);
      if (node.parent !== undefined) profile.parentOf.set(node.id, node.parent);
    }
    profile.chunks.push({ samples: cpuProfile.samples ?? [], timeDeltas });
  }
  const byProcess = new Map();
  for (const profile of profiles.values()) {
    if (profile.startTime === undefined) continue;
    // The innermost frame with a URL, walking from the sampled frame to the root.
    const scriptFrame = (nodeId) => {
      for (let id = nodeId; id !== undefined; id = profile.parentOf.get(id)) {
        const url = profile.urlOf.get(id);
        if (url) return profile.frameOf.get(id);
      }
      return undefined;
    };
    let ts = profile.startTime;
    const samples = byProcess.get(profile.pid) ?? [];
    for (const chunk of profile.chunks) {
      chunk.samples.forEach((nodeId, index) => {
        ts += chunk.timeDeltas[index] ?? 0;
        const frame = scriptFrame(nodeId);
        // The frame's place (0-based line and column, as V8 gives them), for a source map.
        samples.push({ ts, url: frame?.url ?? '', at: frame ? `${frame.functionName || '(anonymous)'} ${frame.lineNumber}:${frame.columnNumber}` : '' });
      });
    }
    byProcess.set(profile.pid, samples.sort((a, b) => a.ts - b.ts));
  }
  return byProcess;
}

/**
 * Every long task on the main thread of the page's renderer (the process that parsed a document of
 * `pageOrigin`): `{ startMs, ms, ours, ourShare, scriptSamples, urls }`, where `urls` counts the script
 * samples by URL (most first), `ourShare` is our part of them and `startMs` is from the first task.
 */
export function attributeLongTasks(events, { isOurs, pageOrigin }) {
  // The page's renderer only (a trace holds every renderer: Chromium's own pages too): the one the
  // browser committed the page to, or that committed or parsed it.
  const ofPage = (url) => typeof url === 'string' && url.startsWith(pageOrigin);
  const pageProcesses = new Set(
    events.flatMap((event) => {
      if (event.name === 'FrameCommittedInBrowser' && ofPage(event.args?.data?.url)) return [event.args.data.processId];
      if (event.name === 'CommitLoad' && ofPage(event.args?.data?.url)) return [event.pid];
      if (event.name === 'ParseHTML' && ofPage(event.args?.beginData?.url)) return [event.pid];
      return [];
    }),
  );
  const mainThreads = new Set(
    events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && pageProcesses.has(event.pid)).map((event) => `${event.pid}:${event.tid}`),
  );
  const samples = samplesByProcess(events);
  // A trace without the page's main thread or its profile would read as "no long task of ours": refuse it.
  if (mainThreads.size === 0) throw new IncompleteTraceError(`no main thread of a renderer of ${pageOrigin} in the trace`);
  if (![...pageProcesses].some((pid) => samples.get(pid)?.length)) throw new IncompleteTraceError(`no CPU profile of the renderer of ${pageOrigin} in the trace`);
  const tasks = events
    .filter((event) => event.ph === 'X' && TASK_NAMES.has(event.name) && mainThreads.has(`${event.pid}:${event.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Top level only: a task nested in another (the scheduler's wrapper) is the same work.
  const topLevel = [];
  const endOf = new Map();
  for (const task of tasks) {
    const thread = `${task.pid}:${task.tid}`;
    if ((endOf.get(thread) ?? -Infinity) >= task.ts + task.dur) continue;
    endOf.set(thread, task.ts + task.dur);
    topLevel.push(task);
  }
  const first = topLevel[0]?.ts ?? 0;
  return topLevel
    .filter((task) => task.dur > LONG_TASK_MS * 1000)
    .map((task) => {
      const inside = (samples.get(task.pid) ?? []).filter((sample) => sample.ts >= task.ts && sample.ts <= task.ts + task.dur && sample.url);
      const urls = {};
      const frames = {};
      for (const { url, at } of inside) {
        urls[url] = (urls[url] ?? 0) + 1;
        if (isOurs(url)) frames[`${url} ${at}`] = (frames[`${url} ${at}`] ?? 0) + 1;
      }
      const ourSamples = inside.filter(({ url }) => isOurs(url)).length;
      const ourShare = inside.length ? ourSamples / inside.length : 0;
      return {
        startMs: (task.ts - first) / 1000,
        ms: task.dur / 1000,
        ours: ourShare > 0.5,
        ourShare,
        scriptSamples: inside.length,
        urls: Object.fromEntries(Object.entries(urls).sort((a, b) => b[1] - a[1])),
        work: workInside(task, events),
        // Our script samples by function (name, line and column in the file as served), most first.
        frames: Object.fromEntries(Object.entries(frames).sort((a, b) => b[1] - a[1])),
      };
    });
}

/**
 * What a task did, as the trace names it: the events directly inside it (the scheduler's wrapper
 * looked through), their ms summed by name and, for a script's events, the URL's path — e.g.
 * `{ 'EvaluateScript /elements/weerbaar.js': 12.3, UpdateLayoutTree: 30.1, Layout: 20.4 }`, largest
 * first. So a reader sees whether our script or the browser's own work made a task long.
 */
function workInside(task, events) {
  const end = task.ts + task.dur;
  const inside = events
    .filter((event) => event.ph === 'X' && event.pid === task.pid && event.tid === task.tid && event !== task && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= end)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const byName = {};
  let childEnd = -Infinity;
  for (const event of inside) {
    if (TASK_NAMES.has(event.name) || event.ts < childEnd) continue;
    childEnd = event.ts + event.dur;
    const url = event.args?.data?.url ?? event.args?.data?.scriptName ?? event.args?.beginData?.url;
    const label = url ? `${event.name} ${pathOf(url)}` : event.name;
    byName[label] = (byName[label] ?? 0) + event.dur / 1000;
  }
  return Object.fromEntries(
    Object.entries(byName)
      .sort((a, b) => b[1] - a[1])
      .map(([label, ms]) => [label, Math.round(ms * 10) / 10]),
  );
}

const pathOf = (url) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};
