package io.rtchat.auth;

import io.rtchat.api.MediaReleased;
import io.rtchat.common.Addresses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Everything auth-service tells the rest of the mesh. The session events are published, not sent: every gateway
 * instance caches token state and holds sockets of its own, so each one must hear them.
 */
class AuthEvents {

  private final EventBus bus;

  AuthEvents(EventBus bus) {
    this.bus = bus;
  }

  /** A password reset bumped the token version: every gateway refuses older access tokens and closes their sockets. */
  void tokensRevoked(String userId, int tokenVersion) {
    bus.publish(Addresses.AUTH_TOKENS_REVOKED, new JsonObject().put("userId", userId).put("tokenVersion", tokenVersion));
  }

  /**
   * The user's avatar was replaced or removed: media-service reclaims the old one unless someone's avatar it still
   * is (it asks {@code avatarsInUse} first). Sent, not published: one media-service instance does it.
   */
  void avatarReleased(String mediaId) {
    bus.send(Addresses.MEDIA_RELEASED, new MediaReleased().setMediaIds(List.of(mediaId)).toJson());
  }

  /** One login (a refresh-token family) ended: gateways refuse its access tokens and close its sockets. */
  void sessionEnded(String userId, String sessionId) {
    bus.publish(Addresses.AUTH_SESSION_ENDED, new JsonObject().put("userId", userId).put("sessionId", sessionId));
  }
}
