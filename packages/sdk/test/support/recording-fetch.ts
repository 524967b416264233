// A fetch that keeps a copy of every request the SDK makes, so a test can check what left the device.
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  credentials: RequestCredentials;
}

export function recordingFetch(inner: typeof fetch = fetch): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    async fetch(input, init) {
      const request = new Request(input, init);
      const copy = request.clone();
      requests.push({ method: request.method, url: request.url, headers: request.headers, body: await copy.text(), credentials: request.credentials });
      return inner(request);
    },
  };
}
