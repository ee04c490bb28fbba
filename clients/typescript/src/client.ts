// The client a frontend creates once: generated paths and types through openapi-fetch, with the token, ETags and
// Retry-After handled on every call.
import createClient, { type Client } from "openapi-fetch";
import { authorizing, type TokenProvider } from "./auth.js";
import { ETagStore, etagMiddleware } from "./etags.js";
import type { paths } from "./generated/api.js";
import { retrying, type RetryOptions } from "./retry-after.js";

export interface OnboardingClientOptions {
  /** Where the app is, e.g. http://127.0.0.1:7071 (a trailing /api is accepted: every path starts with /api). */
  baseUrl: string;
  /** The bearer token for each request. */
  token?: TokenProvider;
  /** Retry-After on 429 and 503 (false: never send again). */
  retry?: RetryOptions | false;
  /** The fetch to send with (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

export interface OnboardingClient {
  /** Typed calls: `api.GET("/api/orgs/{orgId}/onboarding/wizard", { params: { path: { orgId } } })`. */
  readonly api: Client<paths>;
  /** The ETag last seen per organization, sent as If-Match with the next change. */
  readonly etags: ETagStore;
  readonly baseUrl: string;
  /** Sends a request as the typed calls do (token, Retry-After), e.g. to follow a Location. */
  send(request: Request): Promise<Response>;
}

export function createOnboardingClient(options: OnboardingClientOptions): OnboardingClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "").replace(/\/api$/, "");
  const base = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const authorized = authorizing(base, options.token);
  const send = options.retry === false ? authorized : retrying(authorized, options.retry);
  const etags = new ETagStore();
  const api = createClient<paths>({ baseUrl, fetch: send });
  api.use(etagMiddleware(etags));
  return { api, etags, baseUrl, send };
}
