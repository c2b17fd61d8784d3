package io.rtchat.gateway;

import io.rtchat.api.AiChatService;
import io.rtchat.api.AiChatServiceVertxEBProxy;
import io.rtchat.api.AuthService;
import io.rtchat.api.AuthServiceVertxEBProxy;
import io.rtchat.api.CallService;
import io.rtchat.api.CallServiceVertxEBProxy;
import io.rtchat.api.ChatService;
import io.rtchat.api.ChatServiceVertxEBProxy;
import io.rtchat.api.FriendService;
import io.rtchat.api.FriendServiceVertxEBProxy;
import io.rtchat.api.GroupService;
import io.rtchat.api.GroupServiceVertxEBProxy;
import io.rtchat.api.MediaService;
import io.rtchat.api.MediaServiceVertxEBProxy;
import io.rtchat.api.NotificationService;
import io.rtchat.api.NotificationServiceVertxEBProxy;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The gateway's proxies to the services, with SERVICE_CALL_TIMEOUT_MILLIS instead of the event bus's 30 s default:
 * a frozen or vanished service answers 503 service.unavailable within seconds.
 */
public record ServiceProxies(AuthService auth, FriendService friends, GroupService groups, ChatService chats,
                             CallService calls, AiChatService ai, MediaService media,
                             NotificationService notifications) {

  public static ServiceProxies create(Vertx vertx, long timeoutMillis) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    return new ServiceProxies(
      new AuthServiceVertxEBProxy(vertx, AuthService.ADDRESS, new DeliveryOptions(options)),
      new FriendServiceVertxEBProxy(vertx, FriendService.ADDRESS, new DeliveryOptions(options)),
      new GroupServiceVertxEBProxy(vertx, GroupService.ADDRESS, new DeliveryOptions(options)),
      new ChatServiceVertxEBProxy(vertx, ChatService.ADDRESS, new DeliveryOptions(options)),
      new CallServiceVertxEBProxy(vertx, CallService.ADDRESS, new DeliveryOptions(options)),
      new AiChatServiceVertxEBProxy(vertx, AiChatService.ADDRESS, new DeliveryOptions(options)),
      new MediaServiceVertxEBProxy(vertx, MediaService.ADDRESS, new DeliveryOptions(options)),
      new NotificationServiceVertxEBProxy(vertx, NotificationService.ADDRESS, new DeliveryOptions(options)));
  }
}
