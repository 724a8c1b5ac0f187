// The JSON API under /api/v1. The session lives in an HttpOnly cookie set
// by the login call; writes carry the page's Origin, which the server checks
// (CSRF).

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `the server answered ${status}`);
    this.status = status;
    this.code = body && body.error;
    this.body = body;
  }
}

// Called when a request is refused for want of a session (expired, revoked).
let onUnauthorized = () => {};
export function whenUnauthorized(f) { onUnauthorized = f; }

export async function api(method, path, body, headers = {}) {
  const init = { method, headers: { ...headers }, credentials: "same-origin" };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let resp;
  try {
    resp = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiError(0, { message: "The server cannot be reached; check the connection and try again." });
  }
  if (resp.status === 204) return null;
  const data = await resp.json().catch(() => null);
  if (!resp.ok) {
    const err = new ApiError(resp.status, data);
    if (resp.status === 401 && path !== "/auth/login" && path !== "/me/password") onUnauthorized(err);
    throw err;
  }
  return data;
}
