package io.rtchat.gateway;

import io.rtchat.api.FriendService;
import io.vertx.ext.web.Router;

/**
 * {@code /friends/*} and {@code /users/non-friends}. Listed before {@link UserRoutes} so that
 * {@code /users/:userId} does not take {@code /users/non-friends}.
 */
public class FriendRoutes implements ApiModule {

  private final FriendService friends;

  public FriendRoutes(FriendService friends) {
    this.friends = friends;
  }

  @Override
  public void mount(Router api) {
    api.post("/friends/requests").handler(ctx -> Rest.created(ctx, Rest.body(ctx)
      .compose(body -> friends.sendFriendRequest(Rest.userId(ctx), body))));
    api.get("/friends/requests").handler(ctx -> Rest.ok(ctx, Rest.page(ctx)
      .compose(page -> friends.listFriendRequests(Rest.userId(ctx), Rest.param(ctx, "direction"),
        page.before(), page.limit()))));
    api.post("/friends/requests/:requestId/accept").handler(ctx -> Rest.ok(ctx,
      friends.acceptFriendRequest(Rest.userId(ctx), ctx.pathParam("requestId"))));
    api.post("/friends/requests/:requestId/reject").handler(ctx -> Rest.ok(ctx,
      friends.rejectFriendRequest(Rest.userId(ctx), ctx.pathParam("requestId"))));
    api.delete("/friends/requests/:requestId").handler(ctx -> Rest.noContent(ctx,
      friends.cancelFriendRequest(Rest.userId(ctx), ctx.pathParam("requestId"))));
    api.get("/friends").handler(ctx -> Rest.ok(ctx, Rest.page(ctx)
      .compose(page -> friends.listFriends(Rest.userId(ctx), page.after(), page.limit()))));
    api.delete("/friends/:userId").handler(ctx -> Rest.noContent(ctx,
      friends.removeFriend(Rest.userId(ctx), ctx.pathParam("userId"))));
    api.get("/users/non-friends").handler(ctx -> Rest.ok(ctx, Rest.page(ctx)
      .compose(page -> friends.listNonFriends(Rest.userId(ctx), page.after(), page.limit()))));
  }
}
