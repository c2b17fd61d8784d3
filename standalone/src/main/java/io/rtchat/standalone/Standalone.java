package io.rtchat.standalone;

import io.rtchat.auth.AuthVerticle;
import io.rtchat.chat.ChatVerticle;
import io.rtchat.common.Config;
import io.rtchat.gateway.GatewayVerticle;
import io.rtchat.group.GroupVerticle;
import io.rtchat.media.MediaVerticle;
import io.rtchat.notification.NotificationVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Deploys every verticle of the mesh into one Vert.x instance. The services still talk only through their event-bus
 * proxies, exactly as they do across a cluster.
 */
public final class Standalone {

  private Standalone() {
  }

  public static Future<Void> deployAll(Vertx vertx, Config config) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());
    return Future.all(
        vertx.deployVerticle(new NotificationVerticle(), options),
        vertx.deployVerticle(new AuthVerticle(), options),
        vertx.deployVerticle(new GroupVerticle(), options),
        vertx.deployVerticle(new ChatVerticle(), options),
        vertx.deployVerticle(new MediaVerticle(), options))
      .compose(services -> vertx.deployVerticle(new GatewayVerticle(), options))
      .mapEmpty();
  }
}
