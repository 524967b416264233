// ky alone, every export kept: the floor under the SDK core's weight (the SDK is built on it).
export { default, HTTPError, TimeoutError } from 'ky';
