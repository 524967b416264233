// Mocha's globals as web-test-runner provides them to browser tests (only what these tests use).
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: () => Promise<void> | void): void;
