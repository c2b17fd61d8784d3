// Event-bus TLS in the rendered manifests. The process checks its own settings at start (StartupChecks); what only
// the manifests can get wrong is checked here: every file setting must point into a mounted Secret (a path outside
// any mount is a file the pod does not have), and either every cluster member has TLS or none does, since a member
// without it can neither reach the others' event bus nor be reached, while it still joins Hazelcast and looks healthy.

/** The settings that name a certificate, key or CA file. */
export const FILE_SETTINGS = ["EVENT_BUS_CERT", "EVENT_BUS_KEY", "EVENT_BUS_CA", "EVENT_BUS_KEYSTORE", "EVENT_BUS_TRUSTSTORE"];

const MEMBER_LABEL = "rtchat.io/cluster-member";

/** A container's value of {@code name}: its own env first, then the ConfigMaps it takes whole (as Kubernetes does). */
function setting(container, configMaps, name) {
  const own = (container.env ?? []).find((e) => e.name === name);
  if (own) return own.value ?? (own.valueFrom ? "(from valueFrom)" : "");
  for (const from of container.envFrom ?? []) {
    const value = configMaps.get(from.configMapRef?.name)?.[name];
    if (value !== undefined) return String(value);
  }
  return "";
}

/** What a member needs set when TLS is on, the way EventBusTls reads it: a keystore or PEM pair, a truststore or CA. */
function required(has) {
  const key = has("EVENT_BUS_KEYSTORE") ? ["EVENT_BUS_KEYSTORE"] : ["EVENT_BUS_CERT", "EVENT_BUS_KEY"];
  const trust = has("EVENT_BUS_TRUSTSTORE") ? ["EVENT_BUS_TRUSTSTORE"] : ["EVENT_BUS_CA"];
  return [...key, ...trust];
}

function fileErrors(d, pod, c, name, file, fail) {
  if (!file.startsWith("/")) {
    fail(d, `container ${c.name}: ${name}=${file} is not an absolute path`);
    return;
  }
  const dir = file.slice(0, file.lastIndexOf("/"));
  const mount = (c.volumeMounts ?? []).find((m) => m.mountPath.replace(/\/$/, "") === dir);
  const volume = mount && (pod.volumes ?? []).find((v) => v.name === mount.name);
  if (!volume?.secret) {
    fail(d, `container ${c.name}: ${name}=${file} is not a file of a mounted Secret`);
    return;
  }
  if (mount.readOnly !== true) fail(d, `container ${c.name}: the Secret mounted at ${mount.mountPath} is not readOnly`);
  const fileName = file.slice(dir.length + 1);
  const items = volume.secret.items;
  if (items && !items.some((i) => i.path === fileName)) {
    fail(d, `container ${c.name}: ${name}=${file}: the Secret ${volume.secret.secretName} mounts no ${fileName}`);
  }
}

/** Errors of one rendering; {@code fail(object, message)} for one Deployment's, {@code errors} for the whole's. */
export function eventBusTlsErrors(objects, fail, errors) {
  const configMaps = new Map(objects.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata.name, o.data ?? {}]));
  const withTls = [];
  const without = [];
  for (const d of objects.filter((o) => o.kind === "Deployment")) {
    if (d.spec.template.metadata?.labels?.[MEMBER_LABEL] !== "true") continue;
    const pod = d.spec.template.spec;
    let on = true;
    for (const c of pod.containers) {
      const value = (name) => setting(c, configMaps, name);
      const has = (name) => value(name) !== "";
      if (value("EVENT_BUS_TLS") !== "true") {
        on = false;
        for (const name of FILE_SETTINGS.filter(has)) {
          fail(d, `container ${c.name} sets ${name} but not EVENT_BUS_TLS=true: its event bus would be plain text`);
        }
        continue;
      }
      for (const name of required(has).filter((n) => !has(n))) {
        fail(d, `container ${c.name}: EVENT_BUS_TLS=true without ${name}`);
      }
      for (const name of FILE_SETTINGS.filter(has)) fileErrors(d, pod, c, name, value(name), fail);
    }
    (on ? withTls : without).push(d.metadata.name);
  }
  if (withTls.length && without.length) {
    errors.push(`event-bus TLS on for ${withTls.join(", ")} but not for ${without.join(", ")}: `
      + "a member without it can neither reach the others' event bus nor be reached");
  }
}
