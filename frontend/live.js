// Changes made by others to the open article, as they happen: one
// EventSource on GET /articles/{id}/events (Server-Sent Events the server
// feeds from PostgreSQL, so every instance sees every change). The 409 of
// a stale write stays the guarantee; this only keeps the page fresh.

let source = null;

// `onChange` gets each change; `onResync` is told when changes may have been
// missed (the server lost its feed for a moment), so the page reads again.
export function follow(articleId, onChange, onResync) {
  if (source) source.close();
  source = null;
  if (!articleId || typeof EventSource === "undefined") return;
  source = new EventSource(`/api/v1/articles/${articleId}/events`, { withCredentials: true });
  source.addEventListener("claim", (ev) => {
    let data;
    try { data = JSON.parse(ev.data); } catch { return; }
    onChange(data);
  });
  source.addEventListener("resync", () => onResync?.());
}
