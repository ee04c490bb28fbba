// The bearer token, asked of the application for every request so that a renewed token is used at once.

/** Returns the current access token (undefined: send the request without one). */
export type TokenProvider = () => string | undefined | Promise<string | undefined>;

export function authorizing(send: (request: Request) => Promise<Response>, token?: TokenProvider): (request: Request) => Promise<Response> {
  if (token === undefined) {
    return send;
  }
  return async (request) => {
    const value = await token();
    if (value !== undefined && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${value}`);
    }
    return send(request);
  };
}
