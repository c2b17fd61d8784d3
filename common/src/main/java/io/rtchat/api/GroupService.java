package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;

/**
 * The social graph. The client-facing methods arrive with the social-graph issue; the methods below are the ones
 * other services rely on.
 */
@ProxyGen
@VertxGen
public interface GroupService {

  String ADDRESS = Addresses.GROUP_SERVICE;

  static GroupService createProxy(Vertx vertx) {
    return new GroupServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Whether the two users are friends (chat-service opens 1:1 chats only between friends). */
  Future<Boolean> areFriends(String userId, String otherUserId);

  /** The user's friends' ids (for presence). */
  Future<JsonArray> friendIds(String userId);

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
