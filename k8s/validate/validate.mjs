// Renders each overlay given on the command line, validates every object against the Kubernetes schemas of
// kubernetes-models (generated from the Kubernetes OpenAPI) and checks rtchat's policy rules.
// Usage: node validate.mjs <out.json> <overlay dir>...   Exit status 1 when anything is wrong.
// The JSON written holds, per overlay, the rendered objects and every schema and policy error found.
import fs from "node:fs";
import path from "node:path";
import { render, containersOf } from "./render.mjs";
import { secretErrors } from "./secrets-policy.mjs";
import { relayErrors, mongoEgressErrors } from "./network-policy.mjs";
import { eventBusTlsErrors } from "./eventbus-tls-policy.mjs";

const SECRET_NAMES = /(SECRET|PASSWORD|TOKEN|API_KEY|ACCESS_KEY|MONGO_URI)/;

async function schemaErrors(o) {
  if (!o.apiVersion || !o.kind) return [`object without apiVersion/kind: ${JSON.stringify(o).slice(0, 80)}`];
  const group = o.apiVersion.includes("/") ? o.apiVersion : `v1`;
  let Model;
  try {
    Model = (await import(`kubernetes-models/${group}/${o.kind}`))[o.kind];
  } catch (e) {
    return [`${o.kind} ${o.metadata?.name}: unknown apiVersion/kind ${o.apiVersion} ${o.kind}`];
  }
  try {
    new Model(o).validate();
    return [];
  } catch (e) {
    return [`${o.kind} ${o.metadata?.name}: ${e.message}`];
  }
}

function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

export function policyErrors(objects) {
  const errors = [];
  const fail = (o, msg) => errors.push(`${o.kind} ${o.metadata?.name}: ${msg}`);
  const deployments = objects.filter((o) => o.kind === "Deployment");
  for (const o of objects) {
    if (o.kind === "Secret") fail(o, "a Secret among the applied manifests (create it out of band)");
    if (o.kind === "ConfigMap") {
      for (const key of Object.keys(o.data ?? {})) {
        if (SECRET_NAMES.test(key)) fail(o, `secret-looking key ${key} in a ConfigMap`);
      }
    }
    for (const c of containersOf(o)) {
      if (!/[:@]/.test(c.image.slice(c.image.lastIndexOf("/") + 1)) || /:latest$/.test(c.image)) {
        fail(o, `image ${c.image} is not pinned (no tag or 'latest')`);
      }
      for (const e of c.env ?? []) {
        if (SECRET_NAMES.test(e.name) && e.value !== undefined) fail(o, `env ${e.name} has a literal value`);
      }
    }
  }
  for (const d of deployments) {
    const pod = d.spec.template.spec;
    const labels = d.spec.template.metadata.labels;
    if (pod.automountServiceAccountToken !== false) fail(d, "automountServiceAccountToken must be false");
    if (!(pod.topologySpreadConstraints?.length > 0)) fail(d, "no topologySpreadConstraints");
    if (pod.securityContext?.runAsNonRoot !== true) fail(d, "pod securityContext.runAsNonRoot must be true");
    if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") fail(d, "pod seccompProfile must be RuntimeDefault");
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) fail(d, "host namespaces are not allowed");
    if (!objects.some((p) => p.kind === "PodDisruptionBudget" && matches(p.spec.selector.matchLabels, labels))) {
      fail(d, "no PodDisruptionBudget selects its pods");
    }
    secretErrors(d, pod, fail);
    for (const c of pod.containers.filter((c) => c.image.includes("coturn"))) relayErrors(d, c, fail);
    for (const c of pod.containers) {
      for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
        if (!c[probe]) fail(d, `container ${c.name} has no ${probe}`);
      }
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) fail(d, `container ${c.name}: allowPrivilegeEscalation must be false`);
      if (sc.readOnlyRootFilesystem !== true) fail(d, `container ${c.name}: readOnlyRootFilesystem must be true`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(d, `container ${c.name}: capabilities must drop ALL`);
      if ((sc.capabilities?.add ?? []).length) fail(d, `container ${c.name}: adds capabilities`);
      if (sc.privileged) fail(d, `container ${c.name}: privileged`);
      if (sc.seccompProfile?.type !== "RuntimeDefault") fail(d, `container ${c.name}: seccompProfile must be RuntimeDefault`);
      const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
      const tmpVolume = tmp && (pod.volumes ?? []).find((v) => v.name === tmp.name);
      if (!tmpVolume?.emptyDir) fail(d, `container ${c.name}: no emptyDir at /tmp (the root filesystem is read-only)`);
      const req = c.resources?.requests ?? {};
      const lim = c.resources?.limits ?? {};
      if (!req.cpu) fail(d, `container ${c.name}: no cpu request`);
      if (!req.memory || req.memory !== lim.memory) fail(d, `container ${c.name}: memory request must equal its limit`);
    }
    const rtchat = pod.containers.filter((c) => c.image.includes("/rtchat/"));
    for (const c of rtchat) {
      const opts = (c.env ?? []).find((e) => e.name === "JAVA_TOOL_OPTIONS")?.value ?? "";
      if (!opts.includes("MaxRAMPercentage")) fail(d, `container ${c.name}: JAVA_TOOL_OPTIONS without MaxRAMPercentage`);
      if (!opts.includes("ExitOnOutOfMemoryError")) fail(d, `container ${c.name}: JAVA_TOOL_OPTIONS without ExitOnOutOfMemoryError`);
      if (c.readinessProbe?.httpGet?.path !== "/ready" || c.readinessProbe?.httpGet?.port !== "management") {
        fail(d, `container ${c.name}: readinessProbe must be /ready on the management port`);
      }
      if (c.livenessProbe?.httpGet?.path !== "/health") fail(d, `container ${c.name}: livenessProbe must be /health`);
      const pause = c.lifecycle?.preStop?.sleep?.seconds;
      if (!pause) fail(d, `container ${c.name}: no preStop pause`);
      const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "rtchat-config");
      const grace = Number(config?.data?.SHUTDOWN_GRACE_SECONDS ?? 20);
      if ((pod.terminationGracePeriodSeconds ?? 30) < (pause ?? 0) + grace + 5) {
        fail(d, `terminationGracePeriodSeconds below preStop (${pause}) + SHUTDOWN_GRACE_SECONDS (${grace}) + 5`);
      }
    }
  }
  eventBusTlsErrors(objects, fail, errors);
  const gateway = deployments.find((d) => d.metadata.name === "gateway");
  if (!objects.some((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === "gateway")) {
    errors.push("gateway: no HorizontalPodAutoscaler");
  }
  for (const ing of objects.filter((o) => o.kind === "Ingress")) {
    if (!(ing.spec.tls?.length > 0)) fail(ing, "no TLS");
    const a = ing.metadata.annotations ?? {};
    if (a["nginx.ingress.kubernetes.io/affinity"] !== "cookie") fail(ing, "no cookie affinity for the SockJS fallback transports");
    if (Number(a["nginx.ingress.kubernetes.io/proxy-read-timeout"] ?? 60) < 300) fail(ing, "WebSocket read timeout too short");
    for (const rule of ing.spec.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === p.backend.service.name);
        const port = svc?.spec.ports.find((x) => x.name === p.backend.service.port.name || x.port === p.backend.service.port.number);
        if (!port) fail(ing, `backend ${p.backend.service.name} has no such port`);
        else if (port.targetPort === "management" || port.targetPort === 8081) fail(ing, "exposes the management port");
      }
    }
  }
  for (const svc of objects.filter((o) => o.kind === "Service")) {
    if ((svc.spec.ports ?? []).some((p) => p.targetPort === "management" || p.port === 8081)) {
      fail(svc, "exposes the management port");
    }
  }
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  for (const p of policies) mongoEgressErrors(p, fail);
  if (!policies.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress && !p.spec.egress
    && p.spec.policyTypes?.includes("Ingress") && p.spec.policyTypes?.includes("Egress"))) {
    errors.push("NetworkPolicy: no default deny of ingress and egress");
  }
  for (const port of [5701, 5710]) {
    const rules = policies.flatMap((p) => (p.spec.ingress ?? []).map((r) => ({ p, r })))
      .filter(({ r }) => !r.ports || r.ports.some((x) => x.port === port));
    if (!rules.length) errors.push(`NetworkPolicy: nothing admits cluster port ${port}`);
    for (const { p, r } of rules) {
      const onlyMembers = (r.from ?? []).length > 0 && r.from.every((f) => !f.namespaceSelector && !f.ipBlock
        && f.podSelector?.matchLabels?.["rtchat.io/cluster-member"] === "true");
      if (!onlyMembers) fail(p, `admits port ${port} from outside the cluster members`);
    }
  }
  if (gateway) {
    const pub = policies.filter((p) => matches(p.spec.podSelector.matchLabels, gateway.spec.template.metadata.labels))
      .flatMap((p) => p.spec.ingress ?? []).filter((r) => (r.ports ?? []).some((x) => x.port === 8080));
    if (!pub.length || pub.some((r) => !(r.from ?? []).every((f) => f.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "ingress-nginx"))) {
      errors.push("NetworkPolicy: the gateway's public port must be reachable from the ingress controller only");
    }
  }
  return errors;
}

async function main() {
  const [out, ...overlays] = process.argv.slice(2);
  const report = { overlays: {} };
  let failed = false;
  for (const overlay of overlays) {
    const entry = { objects: [], schemaErrors: [], policyErrors: [], renderError: null };
    try {
      entry.objects = render(path.resolve(overlay));
      for (const o of entry.objects) entry.schemaErrors.push(...(await schemaErrors(o)));
      entry.policyErrors = policyErrors(entry.objects);
    } catch (e) {
      entry.renderError = String(e.message ?? e);
    }
    failed ||= entry.renderError !== null || entry.schemaErrors.length > 0 || entry.policyErrors.length > 0;
    report.overlays[overlay] = entry;
    console.log(`${overlay}: ${entry.objects.length} objects, ${entry.schemaErrors.length} schema errors, `
      + `${entry.policyErrors.length} policy errors${entry.renderError ? `, render error: ${entry.renderError}` : ""}`);
    for (const e of [...entry.schemaErrors, ...entry.policyErrors]) console.log(`  ${e}`);
  }
  fs.writeFileSync(out, JSON.stringify(report, null, 1));
  process.exit(failed ? 1 : 0);
}

main();
