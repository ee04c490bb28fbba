// Retry-After honoured: a 429 or 503 that says when to come back is sent again then, within limits.

export interface RetryOptions {
  /** How many times one request is sent again (default 2). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the refusal is thrown with its retryAfterSeconds (default 10). */
  maxWaitSeconds?: number;
  /** How to wait (tests and frameworks may bring their own). */
  sleep?: (milliseconds: number) => Promise<void>;
}

const retried = new Set([429, 503]);

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or undefined when there is none. */
export function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get("Retry-After");
  if (value === null || value.trim() === "") {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function retrying(send: (request: Request) => Promise<Response>, options: RetryOptions = {}): (request: Request) => Promise<Response> {
  const maxRetries = options.maxRetries ?? 2;
  const maxWaitSeconds = options.maxWaitSeconds ?? 10;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      // A body can be read once: each attempt sends a copy.
      const response = await send(request.clone());
      const wait = retried.has(response.status) ? retryAfterSeconds(response) : undefined;
      if (wait === undefined || attempt >= maxRetries || wait > maxWaitSeconds) {
        return response;
      }
      await response.body?.cancel();
      await sleep(wait * 1000);
    }
  };
}
