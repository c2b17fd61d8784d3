package io.rtchat.gateway;

import io.rtchat.api.AuthService;
import io.vertx.ext.web.Router;

/** {@code /auth/*}: registration, verification, login, tokens and password reset. */
public class AuthRoutes implements ApiModule {

  private final AuthService auth;

  public AuthRoutes(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void mountPublic(Router api) {
    api.post("/auth/register").handler(ctx -> Rest.created(ctx, Rest.body(ctx).compose(auth::register)));
    api.post("/auth/send-otp").handler(ctx -> Rest.accepted(ctx, Rest.body(ctx).compose(auth::sendOtp)));
    api.post("/auth/verify").handler(ctx -> Rest.ok(ctx, Rest.body(ctx).compose(auth::verifyEmail)));
    api.post("/auth/login").handler(ctx -> Rest.ok(ctx, Rest.body(ctx)
      .compose(body -> auth.login(body, AccessLog.clientIp(ctx)))));
    api.post("/auth/refresh").handler(ctx -> Rest.ok(ctx, Rest.body(ctx).compose(auth::refresh)));
    api.post("/auth/forgot-password").handler(ctx -> Rest.accepted(ctx, Rest.body(ctx).compose(auth::forgotPassword)));
    api.post("/auth/reset-password").handler(ctx -> Rest.ok(ctx, Rest.body(ctx).compose(auth::resetPassword)
      .map(v -> new io.vertx.core.json.JsonObject().put("status", "password_changed"))));
  }

  @Override
  public void mount(Router api) {
    api.post("/auth/logout").handler(ctx -> Rest.noContent(ctx, Rest.body(ctx)
      .compose(body -> auth.logout(Rest.userId(ctx), body))));
  }
}
