package io.rtchat.gateway;

import io.rtchat.api.AuthService;
import io.vertx.ext.web.Router;

/** {@code /users/*}: my profile, others' public profiles, search. */
public class UserRoutes implements ApiModule {

  private final AuthService auth;

  public UserRoutes(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void mount(Router api) {
    api.get("/users/me").handler(ctx -> Rest.ok(ctx, auth.getMe(Rest.userId(ctx))));
    api.patch("/users/me").handler(ctx -> Rest.ok(ctx, Rest.body(ctx).compose(body -> auth.updateMe(Rest.userId(ctx), body))));
    api.get("/users/search").handler(ctx -> Rest.ok(ctx, Rest.page(ctx)
      .compose(page -> auth.searchUsers(Rest.userId(ctx), Rest.param(ctx, "q"), page.limit()))));
    api.get("/users/:userId").handler(ctx -> Rest.ok(ctx, auth.getProfile(Rest.userId(ctx), ctx.pathParam("userId"))));
  }
}
