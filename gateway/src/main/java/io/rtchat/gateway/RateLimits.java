package io.rtchat.gateway;

import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Setting;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's abuse limits, all token buckets ({@link TokenBuckets}): every REST request per client IP, the
 * unauthenticated account routes per client IP (each may run Argon2 or send a mail), every authenticated request per
 * user, the routes that notify someone else (friend requests, their cancellation, group invitations) per user, and
 * bridge commands per user and per IP. A refusal is {@code 429 request.rate_limited} with {@code Retry-After}
 * (REST) or an {@code err} frame carrying the same code and {@code retryAfter} (bridge).
 */
public class RateLimits {

  /** Header a bridge frame carries into {@link ClientCommands} when its sender is over a limit: seconds to wait. */
  static final String LIMITED_HEADER = "rtchat-rate-limited";

  private final TokenBuckets perIp;
  private final TokenBuckets accountRoutesPerIp;
  private final TokenBuckets perUser;
  private final TokenBuckets invitesPerUser;
  private final TokenBuckets commandsPerUser;
  private final TokenBuckets commandsPerIp;

  public RateLimits(Config config) {
    perIp = new TokenBuckets(config.getInt(Setting.RATE_IP_PER_SECOND), config.getInt(Setting.RATE_IP_BURST));
    accountRoutesPerIp = new TokenBuckets(config.getInt(Setting.RATE_ACCOUNT_ROUTES_PER_MINUTE) / 60.0,
      config.getInt(Setting.RATE_ACCOUNT_ROUTES_BURST));
    perUser = new TokenBuckets(config.getInt(Setting.RATE_USER_PER_SECOND), config.getInt(Setting.RATE_USER_BURST));
    invitesPerUser = new TokenBuckets(config.getInt(Setting.RATE_INVITES_PER_HOUR) / 3600.0,
      config.getInt(Setting.RATE_INVITES_BURST));
    commandsPerUser = new TokenBuckets(config.getInt(Setting.RATE_COMMANDS_PER_SECOND), config.getInt(Setting.RATE_COMMANDS_BURST));
    commandsPerIp = new TokenBuckets(config.getInt(Setting.RATE_IP_PER_SECOND), config.getInt(Setting.RATE_IP_BURST));
  }

  /** Limits mounted before any route: per IP on everything, and the stricter account-route bucket on {@code /auth/*}. */
  public void mountPublic(Router api) {
    api.route().handler(ctx -> check(ctx, perIp.take(clientIp(ctx))));
    api.route("/auth/*").handler(ctx -> check(ctx, accountRoutesPerIp.take(clientIp(ctx))));
  }

  /** Limits mounted after authentication: per user, and the invitation bucket on the routes that notify others. */
  public void mountAuthenticated(Router api) {
    api.route().handler(ctx -> check(ctx, perUser.take(Rest.userId(ctx))));
    api.post("/friends/requests").handler(this::invite);
    api.delete("/friends/requests/:requestId").handler(this::invite);
    api.post("/groups").handler(this::invite);
    api.post("/groups/:groupId/invite").handler(this::invite);
  }

  private void invite(RoutingContext ctx) {
    check(ctx, invitesPerUser.take(Rest.userId(ctx)));
  }

  /** Seconds a bridge command must wait (0: go ahead), counted per user and per IP. */
  public long command(String userId, String ip) {
    long user = commandsPerUser.take(userId);
    return user > 0 ? user : commandsPerIp.take(ip == null ? "unknown" : ip);
  }

  private static void check(RoutingContext ctx, long retryAfterSeconds) {
    if (retryAfterSeconds == 0) {
      ctx.next();
    } else {
      ctx.fail(limited(retryAfterSeconds));
    }
  }

  static Throwable limited(long retryAfterSeconds) {
    return Errors.retryLaterException(ErrorCode.RATE_LIMITED, "Too many requests; try again in " + retryAfterSeconds + " s",
      retryAfterSeconds);
  }

  /** The client's address: X-Forwarded-For only from TRUSTED_PROXIES (see AccessLog), else the TCP peer. */
  static String clientIp(RoutingContext ctx) {
    return AccessLog.clientIp(ctx);
  }
}
