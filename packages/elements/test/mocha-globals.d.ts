// The globals web-test-runner's mocha gives browser tests (no @types/mocha in the workspace).
declare function describe(title: string, body: () => void): void;
/** `this` in a test written as a `function`: a long test may raise its own timeout. */
interface MochaTestContext {
  timeout(milliseconds: number): void;
  /** Reports the test as skipped (what it needs is not there in this run). */
  skip(): void;
}
declare function it(title: string, body: (this: MochaTestContext) => void | Promise<void>): void;
declare function beforeEach(body: () => void | Promise<void>): void;
declare function afterEach(body: () => void | Promise<void>): void;
declare function before(body: () => void | Promise<void>): void;
declare function after(body: () => void | Promise<void>): void;
declare namespace describe {
  function skip(title: string, body: () => void): void;
}
declare namespace it {
  function skip(title: string, body: () => void | Promise<void>): void;
}
