// Web Push for users with no open tab is a later step. It will live here: ask for permission after sign-in, register a
// service worker, subscribe with the server's VAPID key and hand the subscription to notification-service, which
// would send a push where it records a notification for an offline user. Nothing is registered yet.
export function enablePush() {
  return Promise.resolve(false);
}
