package io.rtchat.standalone;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.rtchat.auth.AuthVerticle;
import io.rtchat.common.ClusterBootstrap;
import io.rtchat.common.Config;
import io.rtchat.common.EmbeddedDefaults;
import io.rtchat.gateway.GatewayVerticle;
import io.rtchat.notification.NotificationVerticle;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mesh across processes' worth of isolation: the gateway in one clustered Vert.x, auth and notification
 * services in another, joined by Hazelcast over TCP on loopback. Register, verify and sign in through the gateway.
 */
class ClusterMeshTest {

  @Test
  void gatewayAndAuthInDifferentClusterMembersServeAccounts() throws Exception {
    int smtpPort = TestStack.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    int httpPort = TestStack.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", Files.createTempDirectory("rtchat-cluster").toString());
    env.put("MONGO_EMBEDDED_BACKEND", "memory");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", String.valueOf(httpPort));
    env.put("SMTP_HOST", "127.0.0.1");
    env.put("SMTP_PORT", String.valueOf(smtpPort));
    env.put("SMTP_STARTTLS", "DISABLED");
    env.put("CLUSTER_HOSTS", "127.0.0.1");
    // its own cluster name, so members of another build running on this machine are never joined
    env.put("CLUSTER_NAME", "rtchat-test-" + java.util.UUID.randomUUID());
    EmbeddedDefaults embedded = EmbeddedDefaults.start(Config.fromMap(env));
    Config config = embedded.config();
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());
    Vertx gatewayMember = null;
    Vertx authMember = null;
    try {
      gatewayMember = ClusterBootstrap.clusteredVertx(config).await();
      authMember = ClusterBootstrap.clusteredVertx(config).await();
      authMember.deployVerticle(new AuthVerticle(), options).await();
      authMember.deployVerticle(new NotificationVerticle(), options).await();
      gatewayMember.deployVerticle(new GatewayVerticle(), options).await();

      ApiClient api = new TestStack.Client(gatewayMember, httpPort).api();
      Users users = new TestStack.Client(gatewayMember, httpPort).users(mail);
      Users.TestUser kai = users.create("kai");
      ApiClient.Response login = api.post("/auth/login", null,
        new JsonObject().put("email", kai.email()).put("password", Users.PASSWORD));
      assertThat(login.status()).as(login.toString()).isEqualTo(200);
      assertThat(api.get("/users/me", login.json().getString("accessToken")).json().getString("username"))
        .isEqualTo(kai.username());
    } finally {
      if (gatewayMember != null) {
        gatewayMember.close().await();
      }
      if (authMember != null) {
        authMember.close().await();
      }
      embedded.close();
      mail.stop();
    }
  }
}
