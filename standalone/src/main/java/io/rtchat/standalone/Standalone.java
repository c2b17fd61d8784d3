package io.rtchat.standalone;

import io.rtchat.ai.AiVerticle;
import io.rtchat.api.AiChatService;
import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.GroupService;
import io.rtchat.api.MediaService;
import io.rtchat.api.NotificationService;
import io.rtchat.auth.AuthVerticle;
import io.rtchat.chat.ChatVerticle;
import io.rtchat.common.Config;
import io.rtchat.gateway.GatewayVerticle;
import io.rtchat.group.GroupVerticle;
import io.rtchat.media.MediaVerticle;
import io.rtchat.notification.NotificationVerticle;
import io.rtchat.runtime.LocalService;
import io.rtchat.runtime.ManagementServer;
import io.rtchat.runtime.Readiness;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Deploys every verticle of the mesh into one Vert.x instance. The services still talk only through their event-bus
 * proxies, exactly as they do across a cluster. One management server covers the whole process: it is ready when
 * every service answers its own ready() (MongoDB, S3) and the gateway listens.
 */
public final class Standalone {

  private static final List<String> SERVICES = List.of(AuthService.ADDRESS, GroupService.ADDRESS, ChatService.ADDRESS,
    AiChatService.ADDRESS, MediaService.ADDRESS, NotificationService.ADDRESS);

  private Standalone() {
  }

  public static Future<Void> deployAll(Vertx vertx, Config config) {
    return deploy(vertx, config, new Readiness());
  }

  /** Deploys everything and the management port; {@code readiness} turns ready once all is up. */
  public static Future<Void> deploy(Vertx vertx, Config config, Readiness readiness) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());
    return Future.all(
        vertx.deployVerticle(new NotificationVerticle(), options),
        vertx.deployVerticle(new AuthVerticle(), options),
        vertx.deployVerticle(new GroupVerticle(), options),
        vertx.deployVerticle(new ChatVerticle(), options),
        vertx.deployVerticle(new AiVerticle(), options),
        vertx.deployVerticle(new MediaVerticle(), options))
      .compose(services -> vertx.deployVerticle(new GatewayVerticle(), options))
      .compose(gateway -> {
        SERVICES.forEach(address -> readiness.add(address, LocalService.ready(vertx, address, 2_000)));
        return vertx.deployVerticle(new ManagementServer(readiness), options);
      })
      .onSuccess(id -> readiness.started())
      .mapEmpty();
  }
}
