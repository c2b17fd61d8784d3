package io.rtchat.auth;

import io.rtchat.common.Config;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Creates an unverified account and mails its one-time code; a taken e-mail learns of the attempt by mail only. */
class Registration {

  private static final Logger log = LoggerFactory.getLogger(Registration.class);

  private final UserStore users;
  private final PasswordHasher hasher;
  private final OtpRules otpRules;
  private final AccountMail mail;
  private final Config config;

  Registration(UserStore users, PasswordHasher hasher, OtpRules otpRules, AccountMail mail, Config config) {
    this.users = users;
    this.hasher = hasher;
    this.otpRules = otpRules;
    this.mail = mail;
    this.config = config;
  }

  Future<JsonObject> register(JsonObject body) {
    Input in = Input.of(body);
    String firstName = in.requiredString("firstName", 1, 50);
    String lastName = in.requiredString("lastName", 1, 50);
    String username = in.requiredString("username", 3, 32);
    String email = in.requiredEmail("email");
    String password = in.requiredRaw("password", config.getInt(Setting.PASSWORD_MIN_LENGTH), AccountInput.PASSWORD_MAX);
    String confirm = in.requiredRaw("passwordConfirm", 1, AccountInput.PASSWORD_MAX);
    AccountInput.checkUsername(in, username);
    AccountInput.checkConfirmation(in, password, confirm);
    AccountInput.checkName(in, "firstName", firstName);
    AccountInput.checkName(in, "lastName", lastName);
    if (in.invalid()) {
      return in.failure();
    }
    String usernameKey = AccountInput.usernameKey(username);
    // A taken e-mail answers exactly like a new one (same status, same shape, same Argon2 work): only its owner
    // learns of the attempt, by mail. Usernames are public anyway (search, profiles), so a taken one stays a 409.
    return users.usernameTaken(usernameKey, null)
      .compose(taken -> taken ? Errors.<Void>fail(ErrorCode.USERNAME_TAKEN, "This username is taken") : Future.<Void>succeededFuture())
      .compose(v -> hasher.hash(password))
      .compose(hash -> {
        String id = Ids.newId();
        String otp = Secrets.otp();
        Instant now = Instant.now();
        JsonObject user = new JsonObject()
          .put("_id", id)
          .put("firstName", firstName)
          .put("lastName", lastName)
          .put("username", username)
          .put("usernameKey", usernameKey)
          .put("email", email)
          .put("password", hash)
          .put("about", "")
          .put("avatarUrl", null)
          .put("friends", new JsonArray())
          .put("groups", new JsonArray())
          .put("emailVerified", false)
          .put("status", "offline")
          .put("tokenVersion", 0)
          .put("createdAt", Dates.of(now))
          .put("updatedAt", Dates.of(now))
          .mergeIn(otpRules.freshCode(id, otp, now));
        return insertUnlessEmailTaken(user)
          .compose(created -> created
            ? mail.send(MailTexts.verificationCode(email, firstName, otp, otpRules.ttlMinutes()), "verification-code", id)
            : mailAccountExists(email))
          .map(v -> {
            log.info("registration answered userId={}", id);
            return UserViews.selfView(user);
          });
      });
  }

  /** True when the account was stored; false when the e-mail has an account (even one registered meanwhile). */
  private Future<Boolean> insertUnlessEmailTaken(JsonObject user) {
    return users.emailTaken(user.getString("email")).compose(emailTaken -> emailTaken
      ? Future.succeededFuture(false)
      : users.insert(user).map(true).recover(err -> {
        if (!Mongo.isDuplicateKey(err)) {
          return Future.failedFuture(err);
        }
        return err.getMessage() != null && err.getMessage().contains("usernameKey")
          ? Errors.fail(ErrorCode.USERNAME_TAKEN, "This username is taken")
          : Future.succeededFuture(false);
      }));
  }

  /** Someone registered with an address that has an account: tell its owner (at most once per period), the caller nothing. */
  private Future<Void> mailAccountExists(String email) {
    Instant now = Instant.now();
    return users.claimMailSlot(email, "accountExistsMailSentAt", now, now.minusSeconds(config.getInt(Setting.MAIL_PER_ADDRESS_SECONDS)))
      .compose(owner -> owner == null
        ? Future.<Void>succeededFuture()
        : mail.send(MailTexts.accountExists(email, owner.getString("firstName"), config.get(Setting.PUBLIC_URL)),
          "account-exists", owner.getString("_id")))
      .recover(err -> {
        log.error("account-exists mail not sent", err);
        return Future.succeededFuture();
      });
  }
}
