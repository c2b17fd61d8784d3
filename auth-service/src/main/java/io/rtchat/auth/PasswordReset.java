package io.rtchat.auth;

import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Mails a one-use reset link, and sets the new password, which ends every earlier login of the account. */
class PasswordReset {

  private static final Logger log = LoggerFactory.getLogger(PasswordReset.class);

  private final UserStore users;
  private final RefreshTokenStore refreshTokens;
  private final PasswordHasher hasher;
  private final AccountMail mail;
  private final AuthEvents events;
  private final Config config;

  PasswordReset(UserStore users, RefreshTokenStore refreshTokens, PasswordHasher hasher, AccountMail mail,
                AuthEvents events, Config config) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.hasher = hasher;
    this.mail = mail;
    this.events = events;
    this.config = config;
  }

  Future<Void> forgotPassword(JsonObject body) {
    Input in = Input.of(body);
    String email = in.requiredEmail("email");
    if (in.invalid()) {
      return in.failure();
    }
    // Answer at once, whatever the address: the lookup, the token and the mail run afterwards (no timing oracle),
    // and one address gets at most one reset mail per MAIL_PER_ADDRESS_SECONDS.
    Instant now = Instant.now();
    users.claimMailSlot(email, "resetMailSentAt", now, now.minusSeconds(config.getInt(Setting.MAIL_PER_ADDRESS_SECONDS)))
      .compose(user -> user == null ? Future.<Void>succeededFuture() : mailResetLink(user))
      .onFailure(err -> log.error("forgot-password failed after answering", err));
    return Future.succeededFuture();
  }

  private Future<Void> mailResetLink(JsonObject user) {
    String userId = user.getString("_id");
    String token = Secrets.token();
    int ttl = config.getInt(Setting.RESET_TOKEN_TTL_SECONDS);
    JsonObject text = MailTexts.resetLink(user.getString("email"), user.getString("firstName"),
      config.get(Setting.PUBLIC_URL), token, ttl / 60);
    return users.setResetToken(userId, Secrets.hash(token), Instant.now().plusSeconds(ttl))
      .compose(v -> mail.send(text, "password-reset", userId))
      .recover(err -> {
        log.error("password reset token not stored userId={}", userId, err);
        return Future.succeededFuture();
      });
  }

  Future<Void> resetPassword(JsonObject body) {
    Input in = Input.of(body);
    String token = in.requiredString("token", 10, 200);
    String password = in.requiredRaw("password", config.getInt(Setting.PASSWORD_MIN_LENGTH), AccountInput.PASSWORD_MAX);
    String confirm = in.requiredRaw("passwordConfirm", 1, AccountInput.PASSWORD_MAX);
    AccountInput.checkConfirmation(in, password, confirm);
    if (in.invalid()) {
      return in.failure();
    }
    String tokenHash = Secrets.hash(token);
    // Look first so a wrong token costs no Argon2 hashing; the update below re-checks atomically.
    return users.byLiveResetToken(tokenHash, Instant.now())
      .compose(found -> found == null
        ? Errors.fail(ErrorCode.RESET_TOKEN_INVALID, "The reset link is not valid or has expired")
        : hasher.hash(password))
      .compose(hash -> users.resetPassword(tokenHash, Instant.now(), hash))
      .compose(user -> {
        if (user == null) {
          return Errors.fail(ErrorCode.RESET_TOKEN_INVALID, "The reset link is not valid or has expired");
        }
        String userId = user.getString("_id");
        return refreshTokens.revokeAllOf(userId).map(v -> {
          events.tokensRevoked(userId, user.getInteger("tokenVersion", 0));
          log.info("password reset, every earlier token revoked userId={}", userId);
          return null;
        });
      });
  }
}
