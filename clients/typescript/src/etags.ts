// Optimistic concurrency: the ETag last read for an organization's onboarding is sent as If-Match with its next change.
import type { Middleware } from "openapi-fetch";

const reads = new Set(["GET", "HEAD", "OPTIONS"]);

/** The ETag last seen for each organization (every route of an organization answers the same one). */
export class ETagStore {
  readonly #byOrganization = new Map<string, string>();

  get(organizationId: string): string | undefined {
    return this.#byOrganization.get(organizationId);
  }

  set(organizationId: string, etag: string): void {
    this.#byOrganization.set(organizationId, etag);
  }

  forget(organizationId: string): void {
    this.#byOrganization.delete(organizationId);
  }
}

function organizationOf(params: { path?: Record<string, unknown> }): string | undefined {
  const orgId = params.path?.["orgId"];
  return typeof orgId === "string" ? orgId : undefined;
}

/** Sends the stored ETag as If-Match on changes (unless the caller set one) and keeps the ETag every answer carries. */
export function etagMiddleware(store: ETagStore): Middleware {
  return {
    onRequest({ request, params }) {
      const organizationId = organizationOf(params);
      const etag = organizationId === undefined ? undefined : store.get(organizationId);
      if (etag !== undefined && !reads.has(request.method) && !request.headers.has("If-Match")) {
        request.headers.set("If-Match", etag);
      }
      return request;
    },
    onResponse({ response, params }) {
      const organizationId = organizationOf(params);
      const etag = response.headers.get("ETag");
      if (organizationId !== undefined && etag !== null && response.ok) {
        store.set(organizationId, etag);
      }
      return response;
    },
  };
}
