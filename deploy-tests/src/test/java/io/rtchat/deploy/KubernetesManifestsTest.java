package io.rtchat.deploy;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest of k8s/, rendered for each overlay, as an operator would apply it: valid for the Kubernetes
 * schemas (kubernetes-models, npm: types, enums, required fields; fabric8's typed model, Maven: no unknown field),
 * and meeting rtchat's policy (probes, resources, securityContext, PDBs, pinned images, no Secret values, network
 * policies, event-bus TLS on in every cluster member or in none). Where kubectl is installed, real kustomize must render
 * exactly what the validator checked.
 */
class KubernetesManifestsTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path K8S = ROOT.resolve("k8s");
  static final Path VALIDATOR = K8S.resolve("validate");
  static final List<String> OVERLAYS = List.of("prod", "dev", "prod-eventbus-tls");
  /** The overlay that turns event-bus TLS on, and where it mounts the certificate Secret. */
  static final String TLS_OVERLAY = "prod-eventbus-tls";
  static final String TLS_DIR = "/etc/rtchat/eventbus-tls";

  record Run(int status, String output) {
  }

  static Run run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("rtchat-k8s", ".log");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
      .redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Run(process.exitValue(), output);
  }

  /** Both overlays, rendered and validated once for the class. */
  static JsonObject report;

  @BeforeAll
  static void installValidatorAndValidate() throws Exception {
    if (!Files.isDirectory(VALIDATOR.resolve("node_modules").resolve("kubernetes-models"))) {
      Run install = run(VALIDATOR, "npm", "ci", "--no-audit", "--no-fund");
      assertThat(install.status()).as("npm ci in k8s/validate: " + install.output()).isZero();
    }
    report = validate(Files.createTempFile("rtchat-k8s-report", ".json"),
      OVERLAYS.stream().map(KubernetesManifestsTest::overlay).toArray(Path[]::new));
  }

  static JsonObject validate(Path out, Path... overlays) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "validate.mjs", out.toString()));
    for (Path overlay : overlays) {
      command.add(overlay.toString());
    }
    Run run = run(VALIDATOR, command.toArray(String[]::new));
    JsonObject report = new JsonObject(Files.readString(out)).put("status", run.status()).put("output", run.output());
    return report;
  }

  static Path overlay(String name) {
    return K8S.resolve("overlays").resolve(name);
  }

  @Test
  void everyOverlayRendersValidAndMeetsThePolicy() throws Exception {
    assertThat(report.getInteger("status")).as(report.getString("output")).isZero();
    for (String name : OVERLAYS) {
      JsonObject entry = report.getJsonObject("overlays").getJsonObject(overlay(name).toString());
      assertThat(entry.getString("renderError")).isNull();
      assertThat(entry.getJsonArray("schemaErrors")).isEmpty();
      assertThat(entry.getJsonArray("policyErrors")).isEmpty();
      List<String> kinds = entry.getJsonArray("objects").stream().map(o -> ((JsonObject) o).getString("kind")).toList();
      assertThat(kinds).contains("Namespace", "ConfigMap", "Deployment", "PodDisruptionBudget", "Service",
        "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "ServiceAccount").doesNotContain("Secret");
      assertThat(kinds.stream().filter("Deployment"::equals).count()).isEqualTo(8); // 7 rtchat + coturn
    }
  }

  @Test
  void noObjectCarriesAFieldKubernetesDoesNotKnow() throws Exception {
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<String> unknown = new ArrayList<>();
    for (String name : OVERLAYS) {
      JsonArray objects = report.getJsonObject("overlays").getJsonObject(overlay(name).toString()).getJsonArray("objects");
      for (Object o : objects) {
        JsonObject json = (JsonObject) o;
        KubernetesResource typed = serialization.unmarshal(json.encode());
        assertThat(typed.getClass().getName()).as(json.getString("kind")).doesNotContain("GenericKubernetesResource");
        unknownFields(typed, name + ":" + json.getString("kind") + "/" + json.getJsonObject("metadata").getString("name"), unknown);
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void theValidatorCatchesBrokenManifests() throws Exception {
    Path broken = Path.of("src/test/resources/broken-overlay").toAbsolutePath();
    Path out = Files.createTempFile("rtchat-k8s-report", ".json");
    JsonObject report = validate(out, broken);
    assertThat(report.getInteger("status")).isEqualTo(1);
    JsonObject entry = report.getJsonObject("overlays").getJsonObject(broken.toString());
    assertThat(entry.getJsonArray("schemaErrors").encode()).contains("replicas must be integer");
    String policy = entry.getJsonArray("policyErrors").encode();
    assertThat(policy).contains("a Secret among the applied manifests", "has no startupProbe", "has no readinessProbe",
      "is not pinned", "env JWT_SECRET has a literal value", "allowPrivilegeEscalation must be false",
      "memory request must equal its limit", "no PodDisruptionBudget", "no default deny",
      "gateway takes the whole Secret rtchat-secrets (envFrom)",
      "the internet-facing gateway holds the secret key S3_SECRET_KEY",
      "the internet-facing gateway holds the secret key TURN_SECRET",
      "leaves 100.64.0.0/10 open to relaying", "leaves 0.0.0.0/8 open to relaying", "leaves fc00::/7 open to relaying",
      "leaves fe80::/10 open to relaying", "leaves ::ffff:0.0.0.0/96 open to relaying",
      "egress to MongoDB open to 0.0.0.0/0");
    // and the typed model sees the misspelt field the schema check lets through
    JsonObject deployment = entry.getJsonArray("objects").getJsonObject(0).copy();
    deployment.getJsonObject("spec").put("replicas", 2);
    List<String> unknown = new ArrayList<>();
    unknownFields(new KubernetesSerialization().unmarshal(deployment.encode()), "broken", unknown);
    assertThat(unknown).anyMatch(u -> u.contains("readinessprobe"));
  }

  @Test
  void noKustomizationIncludesTheExampleSecret() throws IOException {
    try (Stream<Path> files = Files.walk(K8S)) {
      List<Path> kustomizations = files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
        .filter(p -> !p.toString().contains("node_modules")).toList();
      assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(3);
      for (Path k : kustomizations) {
        assertThat(Files.readString(k)).doesNotContain("secret.example");
      }
    }
  }

  @Test
  void eachEnvironmentHasItsOwnClusterName() throws Exception {
    Map<String, String> names = new java.util.TreeMap<>();
    for (String name : OVERLAYS) {
      for (Object o : report.getJsonObject("overlays").getJsonObject(overlay(name).toString()).getJsonArray("objects")) {
        JsonObject json = (JsonObject) o;
        if ("ConfigMap".equals(json.getString("kind"))) {
          names.put(name, json.getJsonObject("data").getString("CLUSTER_NAME"));
        }
      }
    }
    // the TLS overlay is production with TLS switched on, not another environment
    assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of("prod", "rtchat-prod", "dev", "rtchat-dev",
      TLS_OVERLAY, "rtchat-prod"));
  }

  static String env(JsonObject container, String name) {
    return container.getJsonArray("env", new JsonArray()).stream().map(JsonObject.class::cast)
      .filter(e -> name.equals(e.getString("name"))).map(e -> e.getString("value")).findFirst().orElse(null);
  }

  static boolean clusterMember(JsonObject deployment) {
    return "true".equals(deployment.getJsonObject("spec").getJsonObject("template").getJsonObject("metadata")
      .getJsonObject("labels").getString("rtchat.io/cluster-member"));
  }

  @Test
  void inTheTlsOverlayEveryClusterMemberMountsTheCertificateSecretAndPointsTheSettingsAtItsFiles() {
    Map<String, JsonObject> deployments = deployments(TLS_OVERLAY);
    List<String> members = deployments.entrySet().stream().filter(e -> clusterMember(e.getValue())).map(Map.Entry::getKey).toList();
    assertThat(members).containsExactlyInAnyOrder("gateway", "auth-service", "group-service", "chat-service",
      "ai-service", "media-service", "notification-service");
    for (String name : members) {
      JsonObject pod = deployments.get(name).getJsonObject("spec").getJsonObject("template").getJsonObject("spec");
      JsonObject volume = pod.getJsonArray("volumes").stream().map(JsonObject.class::cast)
        .filter(v -> v.containsKey("secret")).findFirst().orElseThrow(() -> new AssertionError(name + " mounts no Secret"));
      assertThat(volume.getJsonObject("secret").getString("secretName")).as(name).isEqualTo("rtchat-eventbus-tls");
      JsonObject container = containers(deployments.get(name)).get(0);
      JsonObject mount = container.getJsonArray("volumeMounts").stream().map(JsonObject.class::cast)
        .filter(m -> volume.getString("name").equals(m.getString("name"))).findFirst().orElseThrow();
      assertThat(mount.getString("mountPath")).as(name).isEqualTo(TLS_DIR);
      assertThat(mount.getBoolean("readOnly")).as(name).isTrue();
      assertThat(env(container, "EVENT_BUS_TLS")).as(name).isEqualTo("true");
      assertThat(env(container, "EVENT_BUS_CERT")).as(name).isEqualTo(TLS_DIR + "/tls.crt");
      assertThat(env(container, "EVENT_BUS_KEY")).as(name).isEqualTo(TLS_DIR + "/tls.key");
      assertThat(env(container, "EVENT_BUS_CA")).as(name).isEqualTo(TLS_DIR + "/ca.crt");
    }
    // coturn is no cluster member: it is given no certificate
    assertThat(secretVolumes(deployments.get("coturn"))).isEmpty();
  }

  @Test
  void withoutTheTlsOverlayNoPodMountsTheCertificateOrTurnsTlsOn() {
    for (String name : List.of("prod", "dev")) {
      deployments(name).forEach((deployment, json) -> {
        assertThat(secretVolumes(json)).as(name + " " + deployment).isEmpty();
        assertThat(containers(json)).allSatisfy(c -> assertThat(env(c, "EVENT_BUS_TLS")).as(deployment).isNull());
      });
    }
  }

  static List<String> secretVolumes(JsonObject deployment) {
    return deployment.getJsonObject("spec").getJsonObject("template").getJsonObject("spec")
      .getJsonArray("volumes", new JsonArray()).stream().map(JsonObject.class::cast).filter(v -> v.containsKey("secret"))
      .map(v -> v.getJsonObject("secret").getString("secretName")).toList();
  }

  @Test
  void theValidatorCatchesEventBusTlsGotWrong() throws Exception {
    Path broken = Path.of("src/test/resources/broken-tls-overlay").toAbsolutePath();
    JsonObject report = validate(Files.createTempFile("rtchat-k8s-report", ".json"), broken);
    assertThat(report.getInteger("status")).isEqualTo(1);
    String policy = report.getJsonObject("overlays").getJsonObject(broken.toString()).getJsonArray("policyErrors").encode();
    assertThat(policy).contains(
      "container chat-service: EVENT_BUS_TLS=true without EVENT_BUS_CA",
      "container chat-service: EVENT_BUS_KEY=/etc/tls.key is not a file of a mounted Secret",
      "container chat-service: the Secret mounted at /etc/rtchat/eventbus-tls is not readOnly",
      "container gateway sets EVENT_BUS_CERT but not EVENT_BUS_TLS=true: its event bus would be plain text",
      "the Secret rtchat-eventbus-tls mounts no ca.crt",
      "event-bus TLS on for chat-service, auth-service but not for gateway");
  }

  /** The Deployments as rendered for one overlay, by name. */
  static Map<String, JsonObject> deployments(String overlay) {
    Map<String, JsonObject> byName = new java.util.TreeMap<>();
    for (Object o : report.getJsonObject("overlays").getJsonObject(overlay(overlay).toString()).getJsonArray("objects")) {
      JsonObject json = (JsonObject) o;
      if ("Deployment".equals(json.getString("kind"))) {
        byName.put(json.getJsonObject("metadata").getString("name"), json);
      }
    }
    return byName;
  }

  static List<JsonObject> containers(JsonObject deployment) {
    return deployment.getJsonObject("spec").getJsonObject("template").getJsonObject("spec").getJsonArray("containers")
      .stream().map(JsonObject.class::cast).toList();
  }

  /** Secret keys a Deployment's containers receive, and whether any takes a whole Secret. */
  static List<String> secretKeys(JsonObject deployment) {
    List<String> keys = new ArrayList<>();
    for (JsonObject c : containers(deployment)) {
      for (Object from : c.getJsonArray("envFrom", new JsonArray())) {
        if (((JsonObject) from).containsKey("secretRef")) {
          keys.add("envFrom:" + ((JsonObject) from).getJsonObject("secretRef").getString("name"));
        }
      }
      for (Object e : c.getJsonArray("env", new JsonArray())) {
        JsonObject ref = ((JsonObject) e).getJsonObject("valueFrom", new JsonObject()).getJsonObject("secretKeyRef");
        if (ref != null) {
          keys.add(ref.getString("key"));
        }
      }
    }
    return keys;
  }

  @Test
  void eachDeploymentReceivesOnlyTheSecretKeysItNeeds() {
    for (String name : OVERLAYS) {
      Map<String, JsonObject> deployments = deployments(name);
      Map<String, List<String>> keys = new java.util.TreeMap<>();
      deployments.forEach((deployment, json) -> keys.put(deployment, secretKeys(json)));
      assertThat(keys).as(name).containsExactlyInAnyOrderEntriesOf(Map.of(
        "gateway", List.of("JWT_SECRET"),
        "auth-service", List.of("MONGO_URI", "JWT_SECRET"),
        "group-service", List.of("MONGO_URI"),
        "chat-service", List.of("MONGO_URI", "TURN_SECRET"),
        "ai-service", List.of("MONGO_URI", "AI_API_KEY"),
        "media-service", List.of("MONGO_URI", "S3_ACCESS_KEY", "S3_SECRET_KEY"),
        "notification-service", List.of("MONGO_URI", "SMTP_USERNAME", "SMTP_PASSWORD"),
        "coturn", List.of("TURN_SECRET")));
    }
  }

  @Test
  void coturnRelaysToNoInternalAddress() {
    for (String name : OVERLAYS) {
      List<String> args = containers(deployments(name).get("coturn")).get(0).getJsonArray("args").stream()
        .map(String::valueOf).toList();
      assertThat(args).as(name).contains("--no-multicast-peers",
        "--denied-peer-ip=0.0.0.0-0.255.255.255", "--denied-peer-ip=10.0.0.0-10.255.255.255",
        "--denied-peer-ip=100.64.0.0-100.127.255.255", "--denied-peer-ip=127.0.0.0-127.255.255.255",
        "--denied-peer-ip=169.254.0.0-169.254.255.255", "--denied-peer-ip=172.16.0.0-172.31.255.255",
        "--denied-peer-ip=192.168.0.0-192.168.255.255", "--denied-peer-ip=::-::1",
        "--denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255",
        "--denied-peer-ip=fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "--denied-peer-ip=fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        .noneMatch(a -> a.startsWith("--allow-loopback-peers") || a.startsWith("--allowed-peer-ip"));
    }
  }

  @Test
  void mongoEgressIsItsPortToItsSelectorOnly() {
    for (String name : OVERLAYS) {
      JsonObject policy = report.getJsonObject("overlays").getJsonObject(overlay(name).toString()).getJsonArray("objects")
        .stream().map(JsonObject.class::cast)
        .filter(o -> "NetworkPolicy".equals(o.getString("kind")) && "egress-mongo".equals(o.getJsonObject("metadata").getString("name")))
        .findFirst().orElseThrow();
      JsonArray egress = policy.getJsonObject("spec").getJsonArray("egress");
      assertThat(egress).hasSize(1);
      JsonObject rule = egress.getJsonObject(0);
      assertThat(rule.getJsonArray("ports").encode()).isEqualTo("[{\"protocol\":\"TCP\",\"port\":27017}]");
      assertThat(rule.getJsonArray("to").encode()).doesNotContain("ipBlock").contains("podSelector", "namespaceSelector");
    }
  }

  /** Real kustomize (kubectl kustomize) renders what the validator rendered; skipped where kubectl is absent. */
  @Test
  void realKustomizeRendersTheSameObjects() throws Exception {
    boolean kubectl;
    try {
      kubectl = run(ROOT, "kubectl", "version", "--client").status() == 0;
    } catch (IOException e) {
      kubectl = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(kubectl, "kubectl is not installed here");
    for (String name : OVERLAYS) {
      Run rendered = run(ROOT, "kubectl", "kustomize", overlay(name).toString());
      assertThat(rendered.status()).as(rendered.output()).isZero();
      Path real = Files.createTempFile("rtchat-kustomize", ".yaml");
      Files.writeString(real, rendered.output());
      Run compare = run(VALIDATOR, "node", "compare.mjs", overlay(name).toString(), real.toString());
      assertThat(compare.status()).as(compare.output()).isZero();
    }
  }

  static void unknownFields(Object node, String path, List<String> found) throws Exception {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        unknownFields(e.getValue(), path + "." + e.getKey(), found);
      }
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || Modifier.isStatic(m.getModifiers())
        || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = m.invoke(node);
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          found.add(path + ": unknown " + extra.keySet());
        }
      } else {
        unknownFields(value, path + "." + m.getName().substring(3), found);
      }
    }
  }
}
