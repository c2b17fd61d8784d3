package io.rtchat.auth;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.MediaService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Config;
import io.rtchat.common.Jwt;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

import java.time.Duration;

/**
 * Wires the auth service: config, Mongo and its indexes, the password hasher and JWT signer, the stores, the use
 * cases, and its proxy on {@value AuthService#ADDRESS}. The whole object graph is built here.
 */
public class AuthVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    JWTAuth jwt = Jwt.auth(vertx, config);
    UserStore users = new UserStore(mongo);
    RefreshTokenStore refreshTokens = new RefreshTokenStore(mongo);
    SessionStore sessionStore = new SessionStore(mongo);
    AuthEvents events = new AuthEvents(vertx.eventBus());
    AccountMail mail = new AccountMail(NotificationService.createProxy(vertx));
    OtpRules otpRules = new OtpRules(
      Duration.ofSeconds(config.getInt(Setting.OTP_TTL_SECONDS)),
      config.getInt(Setting.OTP_MAX_ATTEMPTS),
      config.getInt(Setting.OTP_MAX_TOTAL_ATTEMPTS),
      Duration.ofSeconds(config.getInt(Setting.OTP_RESEND_SECONDS)));
    LoginThrottle throttle = new LoginThrottle(new LoginAttemptStore(mongo), new LoginThrottle.Limits(
      config.getInt(Setting.LOGIN_MAX_FAILURES_PER_ACCOUNT),
      config.getInt(Setting.LOGIN_MAX_FAILURES_PER_IP),
      Duration.ofSeconds(config.getInt(Setting.LOGIN_FAILURE_WINDOW_SECONDS)),
      Duration.ofSeconds(config.getInt(Setting.LOGIN_BACKOFF_BASE_SECONDS)),
      Duration.ofSeconds(config.getInt(Setting.LOGIN_BACKOFF_MAX_SECONDS))));
    SessionTokens tokens = new SessionTokens(refreshTokens, sessionStore, users, events, jwt, config);

    // The hasher computes its decoy hash (tens of milliseconds of Argon2) when built: not on the event loop.
    return vertx.executeBlocking(() -> new PasswordHasher(vertx))
      .compose(hasher -> {
        AuthService service = new AuthServiceImpl(mongo, new AuthServiceImpl.UseCases(
          new Registration(users, hasher, otpRules, mail, config),
          new EmailVerification(users, otpRules, mail, tokens),
          new Sessions(users, refreshTokens, throttle, hasher, tokens),
          new PasswordReset(users, refreshTokens, hasher, mail, events, config),
          new Profiles(users, MediaService.createProxy(vertx), ChatService.createProxy(vertx), events),
          new PresenceReports(users)));
        return users.createIndexes()
          .compose(v -> refreshTokens.createIndexes())
          .compose(v -> sessionStore.createIndexes())
          .compose(v -> new ServiceBinder(vertx).setAddress(AuthService.ADDRESS).register(AuthService.class, service).completion());
      });
  }
}
