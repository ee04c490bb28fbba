// Optimistic concurrency: the ETag last read of a resource is sent as If-Match with the next change to that resource.
import type { Middleware } from "openapi-fetch";

const reads = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The resources of an organization's onboarding whose representations carry their own ETag (each covers what it
 * shows). The overview (`""`) shows them all, so its ETag is accepted by every change route too.
 */
export type OnboardingResource = "" | "wizard" | "checklist" | "features" | "tutorials" | "sample-data";

const resources: readonly OnboardingResource[] = ["wizard", "checklist", "features", "tutorials", "sample-data"];

/** The organization and resource a request path is about (`/api/orgs/{orgId}/onboarding/{resource}/…`); reset is the overview's. */
export function resourceOf(url: string): { organizationId: string; resource: OnboardingResource } | undefined {
  const match = /\/orgs\/([^/]+)\/onboarding(?:\/([^/?]+))?/.exec(new URL(url).pathname);
  if (!match) return undefined;
  const segment = match[2] ?? "";
  const resource = resources.find((r) => r === segment) ?? (segment === "" || segment === "reset" ? "" : undefined);
  return resource === undefined ? undefined : { organizationId: decodeURIComponent(match[1]!), resource };
}

/** The ETag last seen for each organization's resources. */
export class ETagStore {
  readonly #etags = new Map<string, string>();

  get(organizationId: string, resource: OnboardingResource = ""): string | undefined {
    return this.#etags.get(`${organizationId}\n${resource}`);
  }

  set(organizationId: string, resource: OnboardingResource, etag: string): void {
    this.#etags.set(`${organizationId}\n${resource}`, etag);
  }

  forget(organizationId: string): void {
    for (const key of [...this.#etags.keys()].filter((k) => k.startsWith(`${organizationId}\n`))) this.#etags.delete(key);
  }
}

/**
 * Sends the stored ETag of the changed resource as If-Match (or else the overview's, which every change route
 * accepts), unless the caller set one, and keeps the ETag every successful answer carries under its resource.
 */
export function etagMiddleware(store: ETagStore): Middleware {
  return {
    onRequest({ request }) {
      const target = resourceOf(request.url);
      const etag = target && (store.get(target.organizationId, target.resource) ?? store.get(target.organizationId));
      if (etag !== undefined && !reads.has(request.method) && !request.headers.has("If-Match")) {
        request.headers.set("If-Match", etag);
      }
      return request;
    },
    onResponse({ request, response }) {
      const target = resourceOf(request.url);
      const etag = response.headers.get("ETag");
      if (target !== undefined && etag !== null && response.ok) {
        store.set(target.organizationId, target.resource, etag);
      }
      return response;
    },
  };
}
