// A small kustomize renderer for the subset of kustomization.yaml that rtchat's overlays use:
// resources (files and directories), namespace, images (newName/newTag/digest), replicas, and patches given by
// path as strategic-merge patches (lists merged by their Kubernetes merge key for containers, env, volumes,
// volumeMounts, ports of containers, new items first as kustomize puts them; other lists replaced). Anything else in
// a kustomization is refused, so the renderer never silently ignores a field real kustomize would apply.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches"]);
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass",
  "CustomResourceDefinition", "PriorityClass", "IngressClass"]);
const MERGE_KEYS = { containers: "name", initContainers: "name", env: "name", volumes: "name", volumeMounts: "mountPath" };
const WORKLOADS = new Set(["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job"]);

export function loadDocuments(file) {
  return YAML.parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS();
    })
    .filter((o) => o !== null && o !== undefined);
}

export function render(dir) {
  const kustomization = YAML.parse(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
  for (const key of Object.keys(kustomization)) {
    if (!SUPPORTED.has(key)) throw new Error(`${dir}/kustomization.yaml: field '${key}' is not supported by this renderer`);
  }
  let objects = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.resolve(dir, resource);
    objects.push(...(fs.statSync(target).isDirectory() ? render(target) : loadDocuments(target)));
  }
  for (const patch of kustomization.patches ?? []) {
    if (!patch.path || Object.keys(patch).length !== 1) throw new Error(`${dir}: only patches with a path are supported`);
    for (const doc of loadDocuments(path.resolve(dir, patch.path))) {
      const target = objects.find((o) => o.kind === doc.kind && o.metadata?.name === doc.metadata?.name);
      if (!target) throw new Error(`${dir}/${patch.path}: no ${doc.kind} named ${doc.metadata?.name} to patch`);
      merge(target, doc);
    }
  }
  if (kustomization.namespace) {
    for (const o of objects) {
      if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = kustomization.namespace;
    }
  }
  for (const image of kustomization.images ?? []) {
    for (const o of objects) {
      for (const c of containersOf(o)) c.image = retag(c.image, image);
    }
  }
  for (const r of kustomization.replicas ?? []) {
    const target = objects.find((o) => WORKLOADS.has(o.kind) && o.metadata.name === r.name);
    if (!target) throw new Error(`${dir}: replicas for unknown workload ${r.name}`);
    target.spec.replicas = r.count;
  }
  return objects;
}

export function containersOf(o) {
  const pod = o.spec?.template?.spec;
  return pod ? [...(pod.initContainers ?? []), ...(pod.containers ?? [])] : [];
}

function retag(image, rule) {
  const at = image.indexOf("@");
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > withoutDigest.lastIndexOf("/");
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  if (name !== rule.name) return image;
  const newName = rule.newName ?? name;
  if (rule.digest) return `${newName}@${rule.digest}`;
  if (rule.newTag) return `${newName}:${rule.newTag}`;
  return newName + image.slice(name.length);
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function merge(target, patch) {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
    } else if (isObject(value) && isObject(target[key])) {
      merge(target[key], value);
    } else if (Array.isArray(value) && Array.isArray(target[key]) && MERGE_KEYS[key]) {
      const mergeKey = MERGE_KEYS[key];
      const added = [];
      for (const item of value) {
        const existing = target[key].find((t) => t[mergeKey] === item[mergeKey]);
        if (existing) merge(existing, item);
        else added.push(structuredClone(item));
      }
      // kustomize puts the items a patch adds before the ones already there (compare.mjs holds the two to it)
      target[key] = [...added, ...target[key]];
    } else {
      target[key] = structuredClone(value);
    }
  }
}
