/**
 * Resolves in a task of its own (a timer, not a microtask): what follows the `await` runs apart from
 * the current task, so one long task is split in two and the browser can paint and handle input
 * between them (issue 19: no long task of ours on the host page).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}
