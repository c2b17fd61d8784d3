package io.rtchat.gateway;

import io.rtchat.api.GroupService;
import io.vertx.ext.web.Router;

/**
 * {@code /friends/*} and {@code /users/non-friends}. Listed before {@link UserRoutes} so that
 * {@code /users/:userId} does not take {@code /users/non-friends}.
 */
public class FriendRoutes implements ApiModule {

  private final GroupService groups;

  public FriendRoutes(GroupService groups) {
    this.groups = groups;
  }

  @Override
  public void mount(Router api) {
    api.post("/friends/requests").handler(ctx -> Rest.created(ctx, Rest.body(ctx)
      .compose(body -> groups.sendFriendRequest(Rest.userId(ctx), body))));
    api.get("/friends/requests").handler(ctx -> Rest.ok(ctx, Rest.intParam(ctx, "limit")
      .compose(limit -> groups.listFriendRequests(Rest.userId(ctx), Rest.param(ctx, "direction"),
        Rest.cursor(ctx, "before"), limit == null ? 0 : limit))));
    api.post("/friends/requests/:requestId/accept").handler(ctx -> Rest.ok(ctx,
      groups.acceptFriendRequest(Rest.userId(ctx), ctx.pathParam("requestId"))));
    api.post("/friends/requests/:requestId/reject").handler(ctx -> Rest.ok(ctx,
      groups.rejectFriendRequest(Rest.userId(ctx), ctx.pathParam("requestId"))));
    api.delete("/friends/requests/:requestId").handler(ctx -> Rest.noContent(ctx,
      groups.cancelFriendRequest(Rest.userId(ctx), ctx.pathParam("requestId"))));
    api.get("/friends").handler(ctx -> Rest.ok(ctx, Rest.intParam(ctx, "limit")
      .compose(limit -> groups.listFriends(Rest.userId(ctx), Rest.cursor(ctx, "after"), limit == null ? 0 : limit))));
    api.delete("/friends/:userId").handler(ctx -> Rest.noContent(ctx,
      groups.removeFriend(Rest.userId(ctx), ctx.pathParam("userId"))));
    api.get("/users/non-friends").handler(ctx -> Rest.ok(ctx, Rest.intParam(ctx, "limit")
      .compose(limit -> groups.listNonFriends(Rest.userId(ctx), Rest.cursor(ctx, "after"), limit == null ? 0 : limit))));
  }
}
