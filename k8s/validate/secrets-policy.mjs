// Which keys of the Secret rtchat-secrets each Deployment may hold: the settings its process reads (its Main's
// required settings and the optional ones of its own features), nothing else. A pod that is broken into gives away
// only its own keys; the internet-facing gateway verifies access tokens and holds nothing else.
export const SECRET_KEYS_BY_DEPLOYMENT = {
  gateway: ["JWT_SECRET"],
  "auth-service": ["MONGO_URI", "JWT_SECRET"],
  "group-service": ["MONGO_URI"],
  // TURN credentials are issued by the call service (chat-service), not the gateway; AI questions go out from here too
  "chat-service": ["MONGO_URI", "TURN_SECRET"],
  // the AI assistant is the one process that calls the AI provider
  "ai-service": ["MONGO_URI", "AI_API_KEY"],
  "media-service": ["MONGO_URI", "S3_ACCESS_KEY", "S3_SECRET_KEY"],
  "notification-service": ["MONGO_URI", "SMTP_USERNAME", "SMTP_PASSWORD"],
  coturn: ["TURN_SECRET"],
};

/** Keys the gateway must never hold, whatever the table above says. */
export const NEVER_ON_THE_GATEWAY = ["MONGO_URI", "S3_ACCESS_KEY", "S3_SECRET_KEY", "SMTP_USERNAME", "SMTP_PASSWORD",
  "TURN_SECRET", "AI_API_KEY"];

/** Secrets mounted as files (the event-bus certificates), by Deployment: cluster members only. */
export const SECRET_VOLUMES_BY_DEPLOYMENT = Object.fromEntries(
  ["gateway", "auth-service", "group-service", "chat-service", "ai-service", "media-service", "notification-service"]
    .map((name) => [name, ["rtchat-eventbus-tls"]]));

export function secretErrors(deployment, pod, fail) {
  const name = deployment.metadata.name;
  const allowedKeys = SECRET_KEYS_BY_DEPLOYMENT[name] ?? [];
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    for (const from of c.envFrom ?? []) {
      if (from.secretRef) fail(deployment, `container ${c.name} takes the whole Secret ${from.secretRef.name} (envFrom): name each key with secretKeyRef`);
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref) continue;
      if (name === "gateway" && NEVER_ON_THE_GATEWAY.includes(ref.key)) {
        fail(deployment, `the internet-facing gateway holds the secret key ${ref.key}`);
      } else if (!allowedKeys.includes(ref.key)) {
        fail(deployment, `container ${c.name} holds the secret key ${ref.key}, which it does not need`);
      }
      if (e.name !== ref.key) fail(deployment, `env ${e.name} takes the secret key ${ref.key} under another name`);
    }
  }
  const allowedVolumes = SECRET_VOLUMES_BY_DEPLOYMENT[name] ?? [];
  for (const v of pod.volumes ?? []) {
    const secrets = [v.secret?.secretName, ...(v.projected?.sources ?? []).map((s) => s.secret?.name)].filter(Boolean);
    for (const s of secrets) {
      if (!allowedVolumes.includes(s)) fail(deployment, `mounts the Secret ${s}, which it does not need`);
    }
  }
}
