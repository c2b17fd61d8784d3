package io.rtchat.gateway;

import io.rtchat.api.NotificationService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /notifications/*}: my stored notifications, the unread count, marking read. */
public class NotificationRoutes implements ApiModule {

  private final NotificationService notifications;

  public NotificationRoutes(NotificationService notifications) {
    this.notifications = notifications;
  }

  @Override
  public void mount(Router api) {
    api.get("/notifications").handler(ctx -> Rest.ok(ctx, unreadParam(ctx)
      .compose(unread -> Rest.page(ctx).compose(page -> notifications.listNotifications(
        Rest.userId(ctx), unread, page.before(), page.limit())))));
    api.get("/notifications/unread-count").handler(ctx -> Rest.ok(ctx, notifications.unreadCount(Rest.userId(ctx))));
    api.post("/notifications/read-all").handler(ctx -> Rest.ok(ctx, notifications.markAllRead(Rest.userId(ctx))));
    api.post("/notifications/:notificationId/read").handler(ctx -> Rest.ok(ctx,
      notifications.markRead(Rest.userId(ctx), ctx.pathParam("notificationId"))));
  }

  private static Future<Boolean> unreadParam(RoutingContext ctx) {
    String raw = Rest.param(ctx, "unread");
    if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("false")) {
      return Future.succeededFuture(false);
    }
    if (raw.equalsIgnoreCase("true")) {
      return Future.succeededFuture(true);
    }
    return Errors.fail(ErrorCode.VALIDATION, "unread must be true or false", new JsonObject().put("unread", "must be true or false"));
  }
}
