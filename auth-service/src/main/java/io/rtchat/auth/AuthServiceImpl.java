package io.rtchat.auth;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.MediaService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Config;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.rtchat.common.Jwt;
import io.rtchat.common.MailText;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The account rules: registration, OTP verification, login, token rotation, password reset, profiles. */
public class AuthServiceImpl implements AuthService {

  private static final Logger log = LoggerFactory.getLogger(AuthServiceImpl.class);
  private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_.]{3,32}$");
  private static final int PASSWORD_MAX = 128;
  private static final Set<String> PATCHABLE = Set.of("firstName", "lastName", "username", "about", "avatarMediaId");

  private final Vertx vertx;
  private final Config config;
  private final MongoClient mongo;
  private final UserStore users;
  private final RefreshTokenStore refreshTokens;
  private final LoginThrottle throttle;
  private final PasswordHasher hasher;
  private final JWTAuth jwt;
  private final NotificationService notifications;
  private final MediaService media;
  private final ChatService chats;

  public AuthServiceImpl(Vertx vertx, Config config, MongoClient mongo, PasswordHasher hasher, JWTAuth jwt) {
    this.vertx = vertx;
    this.config = config;
    this.mongo = mongo;
    this.users = new UserStore(mongo);
    this.refreshTokens = new RefreshTokenStore(mongo);
    this.throttle = new LoginThrottle(mongo,
      config.getInt(Setting.LOGIN_MAX_FAILURES_PER_ACCOUNT),
      config.getInt(Setting.LOGIN_MAX_FAILURES_PER_IP),
      Duration.ofSeconds(config.getInt(Setting.LOGIN_FAILURE_WINDOW_SECONDS)),
      Duration.ofSeconds(config.getInt(Setting.LOGIN_BACKOFF_BASE_SECONDS)),
      Duration.ofSeconds(config.getInt(Setting.LOGIN_BACKOFF_MAX_SECONDS)));
    this.hasher = hasher;
    this.jwt = jwt;
    this.notifications = NotificationService.createProxy(vertx);
    this.media = MediaService.createProxy(vertx);
    this.chats = ChatService.createProxy(vertx);
  }

  public Future<Void> createIndexes() {
    return users.createIndexes().compose(v -> refreshTokens.createIndexes());
  }

  // ---- registration and e-mail verification

  @Override
  public Future<JsonObject> register(JsonObject body) {
    Input in = Input.of(body);
    String firstName = in.requiredString("firstName", 1, 50);
    String lastName = in.requiredString("lastName", 1, 50);
    String username = in.requiredString("username", 3, 32);
    String email = in.requiredEmail("email");
    String password = in.requiredRaw("password", config.getInt(Setting.PASSWORD_MIN_LENGTH), PASSWORD_MAX);
    String confirm = in.requiredRaw("passwordConfirm", 1, PASSWORD_MAX);
    if (username != null && !USERNAME.matcher(username).matches()) {
      in.problem("username", "may hold only letters, digits, '_' and '.'");
    }
    if (password != null && confirm != null && !password.equals(confirm)) {
      in.problem("passwordConfirm", "must equal password");
    }
    rejectControlCharacters(in, "firstName", firstName);
    rejectControlCharacters(in, "lastName", lastName);
    if (in.invalid()) {
      return in.failure();
    }
    String usernameKey = username.toLowerCase();
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
          .mergeIn(otpFields(id, otp, now));
        return users.emailTaken(email)
          .compose(emailTaken -> emailTaken
            ? Future.succeededFuture(false)
            : users.insert(user).map(true).recover(err -> {
              if (!Mongo.isDuplicateKey(err)) {
                return Future.failedFuture(err);
              }
              return err.getMessage() != null && err.getMessage().contains("usernameKey")
                ? Errors.fail(ErrorCode.USERNAME_TAKEN, "This username is taken")
                : Future.succeededFuture(false); // the same e-mail registered meanwhile
            }))
          .compose(created -> created ? mailOtp(email, firstName, otp) : mailAccountExists(email))
          .map(v -> {
            log.info("registration answered userId={}", id);
            return UserViews.selfView(user);
          });
      });
  }

  /** Someone registered with an address that has an account: tell its owner, tell the caller nothing. */
  private Future<Void> mailAccountExists(String email) {
    Instant now = Instant.now();
    return users.claimMailSlot(email, "accountExistsMailSentAt", now, now.minusSeconds(config.getInt(Setting.MAIL_PER_ADDRESS_SECONDS)))
      .compose(owner -> {
      if (owner == null) {
        return Future.<Void>succeededFuture();
      }
      JsonObject mail = new JsonObject()
        .put("to", email)
        .put("subject", "Someone tried to sign up with your address")
        .put("text", "Hello " + MailText.name(owner.getString("firstName")) + ",\n\n"
          + "someone tried to create an rtchat account with this e-mail address, which already has one.\n"
          + "If it was you, sign in, or reset your password at " + config.get(Setting.PUBLIC_URL) + "/forgot-password.\n"
          + "If it was not you, ignore this mail; nothing changed.\n");
      return notifications.sendEmail(mail);
    }).recover(err -> {
      log.error("account-exists mail not sent", err);
      return Future.succeededFuture();
    });
  }

  /** Names go into other people's mails and screens: no line breaks, tabs or invisible formatting characters. */
  private static void rejectControlCharacters(Input in, String field, String value) {
    if (MailText.hasControlCharacters(value)) {
      in.problem(field, "may not contain control characters or line breaks");
    }
  }

  private JsonObject otpFields(String userId, String otp, Instant now) {
    return new JsonObject()
      .put("otp", Secrets.otpHash(userId, otp))
      .put("otpExpiryTime", Dates.of(now.plusSeconds(config.getInt(Setting.OTP_TTL_SECONDS))))
      .put("otpAttempts", 0)
      .put("otpSentAt", Dates.of(now));
  }

  /** A failed mail must not fail the registration: the account exists and send-otp can try again. */
  private Future<Void> mailOtp(String email, String firstName, String otp) {
    int minutes = config.getInt(Setting.OTP_TTL_SECONDS) / 60;
    JsonObject mail = new JsonObject()
      .put("to", email)
      .put("subject", "Your rtchat verification code")
      .put("text", "Hello " + MailText.name(firstName) + ",\n\nyour rtchat verification code is " + otp
        + "\n\nIt expires in " + minutes + " minutes. If you did not sign up, ignore this mail.\n");
    return notifications.sendEmail(mail)
      .recover(err -> {
        log.error("verification mail not sent; the user can ask again with send-otp", err);
        return Future.succeededFuture();
      });
  }

  @Override
  public Future<Void> sendOtp(JsonObject body) {
    Input in = Input.of(body);
    String email = in.requiredEmail("email");
    if (in.invalid()) {
      return in.failure();
    }
    // Answer at once, whatever the address: the lookup and the mail run afterwards, so the time taken says nothing.
    Instant now = Instant.now();
    Instant resendAfter = now.minusSeconds(config.getInt(Setting.OTP_RESEND_SECONDS));
    users.byEmail(email).compose(user -> {
      if (user == null || user.getBoolean("emailVerified", false)) {
        return Future.<Void>succeededFuture();
      }
      String otp = Secrets.otp();
      return users.renewOtp(email, resendAfter, otpFields(user.getString("_id"), otp, now))
        .compose(renewed -> renewed == null
          ? Future.<Void>succeededFuture()
          : mailOtp(email, user.getString("firstName"), otp));
    }).onFailure(err -> log.error("send-otp failed after answering", err));
    return Future.succeededFuture();
  }

  @Override
  public Future<JsonObject> verifyEmail(JsonObject body) {
    Input in = Input.of(body);
    String email = in.requiredEmail("email");
    String otp = in.requiredString("otp", 6, 6);
    if (in.invalid()) {
      return in.failure();
    }
    int maxAttempts = config.getInt(Setting.OTP_MAX_ATTEMPTS);
    return users.byEmail(email).compose(existing -> {
      if (existing == null || existing.getBoolean("emailVerified", false) || existing.getString("otp") == null) {
        return Errors.fail(ErrorCode.OTP_INVALID, "The code is wrong or has expired");
      }
      return users.countOtpTry(email, maxAttempts, config.getInt(Setting.OTP_MAX_TOTAL_ATTEMPTS)).compose(user -> {
        if (user == null) {
          return Errors.fail(ErrorCode.OTP_LOCKED, "Too many wrong codes; ask for a new one (or reset your password)");
        }
        String userId = user.getString("_id");
        String expected = user.getString("otp");
        boolean live = Instant.now().isBefore(Dates.toInstant(user.getValue("otpExpiryTime")));
        if (!live || !Secrets.sameHash(expected, Secrets.otpHash(userId, otp))) {
          return Errors.fail(ErrorCode.OTP_INVALID, "The code is wrong or has expired");
        }
        return users.markVerified(userId, expected).compose(done -> done
          ? users.byId(userId).compose(this::newSession)
          : Errors.fail(ErrorCode.OTP_INVALID, "The code is wrong or has expired"));
      });
    });
  }

  // ---- login, refresh, logout

  @Override
  public Future<JsonObject> login(JsonObject body, String clientIp) {
    Input in = Input.of(body);
    String email = in.requiredEmail("email");
    String password = in.requiredRaw("password", 1, PASSWORD_MAX);
    if (in.invalid()) {
      return in.failure();
    }
    String ip = clientIp == null ? "unknown" : clientIp;
    return throttle.attempt(email, ip).compose(decision -> {
      if (!decision.allowed()) {
        return Errors.retryLater(ErrorCode.LOGIN_THROTTLED, "Too many failed logins; try again later", decision.retryAfterSeconds());
      }
      return users.byEmail(email).compose(user -> hasher.verify(password, user == null ? null : user.getString("password"))
        .compose(matches -> {
          if (!matches) {
            return Errors.fail(ErrorCode.INVALID_CREDENTIALS, "E-mail or password is wrong");
          }
          return throttle.succeeded(email, ip).compose(v -> user.getBoolean("emailVerified", false)
            ? newSession(user)
            : Errors.fail(ErrorCode.EMAIL_NOT_VERIFIED, "Verify your e-mail address first"));
        }));
    });
  }

  @Override
  public Future<JsonObject> refresh(JsonObject body) {
    Input in = Input.of(body);
    String token = in.requiredString("refreshToken", 10, 200);
    if (in.invalid()) {
      return in.failure();
    }
    String hash = Secrets.hash(token);
    return refreshTokens.use(hash).compose(used -> {
      if (used == null) {
        return refreshTokens.byHash(hash).compose(reused -> {
          if (reused == null) {
            return Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token is not valid");
          }
          log.warn("refresh token reused, revoking its login userId={} family={}", reused.getString("userId"), reused.getString("family"));
          return endSession(reused.getString("userId"), reused.getString("family"))
            .compose(v -> Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token is not valid"));
        });
      }
      if (Instant.now().isAfter(Dates.toInstant(used.getValue("expiresAt")))) {
        return refreshTokens.revokeFamily(used.getString("family"))
          .compose(v -> Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token has expired"));
      }
      return users.byId(used.getString("userId")).compose(user -> user == null
        ? Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token is not valid")
        : issueSession(user, used.getString("family")));
    });
  }

  @Override
  public Future<Void> logout(String userId, JsonObject body) {
    Input in = Input.of(body);
    String token = in.requiredString("refreshToken", 10, 200);
    if (in.invalid()) {
      return in.failure();
    }
    return refreshTokens.byHash(Secrets.hash(token)).compose(found -> found != null && userId.equals(found.getString("userId"))
      ? endSession(userId, found.getString("family"))
      : Future.succeededFuture());
  }

  /** Revokes one login's refresh tokens and tells every gateway, which then refuses its access tokens and closes its sockets. */
  private Future<Void> endSession(String userId, String family) {
    return refreshTokens.revokeFamily(family).onSuccess(v -> vertx.eventBus().publish(Addresses.AUTH_SESSION_ENDED,
      new JsonObject().put("userId", userId).put("sessionId", family)));
  }

  private Future<JsonObject> newSession(JsonObject user) {
    return issueSession(user, Ids.newId());
  }

  private Future<JsonObject> issueSession(JsonObject user, String family) {
    String userId = user.getString("_id");
    String refreshToken = Secrets.token();
    Instant expires = Instant.now().plus(Duration.ofDays(config.getInt(Setting.REFRESH_TOKEN_TTL_DAYS)));
    return refreshTokens.insert(userId, family, Secrets.hash(refreshToken), expires).map(v -> new JsonObject()
      .put("accessToken", Jwt.issue(jwt, config, userId, user.getInteger("tokenVersion", 0), family))
      .put("refreshToken", refreshToken)
      .put("expiresIn", config.getInt(Setting.ACCESS_TOKEN_TTL_SECONDS))
      .put("user", UserViews.selfView(user)));
  }

  // ---- password reset

  @Override
  public Future<Void> forgotPassword(JsonObject body) {
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
    String token = Secrets.token();
    int ttl = config.getInt(Setting.RESET_TOKEN_TTL_SECONDS);
    String link = config.get(Setting.PUBLIC_URL) + "/reset-password?token=" + token;
    JsonObject mail = new JsonObject()
      .put("to", user.getString("email"))
      .put("subject", "Reset your rtchat password")
      .put("text", "Hello " + MailText.name(user.getString("firstName")) + ",\n\nto choose a new password, open\n" + link
        + "\n\nThe link works once, for " + (ttl / 60) + " minutes. If you did not ask for it, ignore this mail.\n");
    return users.setResetToken(user.getString("_id"), Secrets.hash(token), Instant.now().plusSeconds(ttl))
      .compose(v -> notifications.sendEmail(mail))
      .recover(err -> {
        log.error("password reset mail not sent userId={}", user.getString("_id"), err);
        return Future.succeededFuture();
      });
  }

  @Override
  public Future<Void> resetPassword(JsonObject body) {
    Input in = Input.of(body);
    String token = in.requiredString("token", 10, 200);
    String password = in.requiredRaw("password", config.getInt(Setting.PASSWORD_MIN_LENGTH), PASSWORD_MAX);
    String confirm = in.requiredRaw("passwordConfirm", 1, PASSWORD_MAX);
    if (password != null && confirm != null && !password.equals(confirm)) {
      in.problem("passwordConfirm", "must equal password");
    }
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
          vertx.eventBus().publish(Addresses.AUTH_TOKENS_REVOKED, new JsonObject()
            .put("userId", userId).put("tokenVersion", user.getInteger("tokenVersion", 0)));
          log.info("password reset, every earlier token revoked userId={}", userId);
          return null;
        });
      });
  }

  // ---- profiles

  @Override
  public Future<JsonObject> getMe(String userId) {
    return users.byId(userId).compose(user -> user == null
      ? Errors.fail(ErrorCode.USER_NOT_FOUND, "No such user")
      : Future.succeededFuture(UserViews.selfView(user)));
  }

  @Override
  public Future<JsonObject> updateMe(String userId, JsonObject patch) {
    Input in = Input.of(patch);
    for (String field : patch == null ? Set.<String>of() : patch.fieldNames()) {
      if (!PATCHABLE.contains(field)) {
        in.problem(field, "cannot be changed here");
      }
    }
    JsonObject set = new JsonObject();
    String firstName = in.optionalString("firstName", 1, 50);
    String lastName = in.optionalString("lastName", 1, 50);
    String username = in.optionalString("username", 3, 32);
    String about = patch != null && patch.getValue("about") instanceof String s && s.isBlank() ? "" : in.optionalString("about", 0, 500);
    if (username != null && !USERNAME.matcher(username).matches()) {
      in.problem("username", "may hold only letters, digits, '_' and '.'");
    }
    String avatarMediaId = in.optionalId("avatarMediaId");
    rejectControlCharacters(in, "firstName", firstName);
    rejectControlCharacters(in, "lastName", lastName);
    if (in.invalid()) {
      return in.failure();
    }
    if (firstName != null) {
      set.put("firstName", firstName);
    }
    if (lastName != null) {
      set.put("lastName", lastName);
    }
    if (about != null) {
      set.put("about", about);
    }
    Future<Void> usernameFree = Future.succeededFuture();
    if (username != null) {
      set.put("username", username).put("usernameKey", username.toLowerCase());
      usernameFree = users.usernameTaken(username.toLowerCase(), userId)
        .compose(taken -> taken ? Errors.fail(ErrorCode.USERNAME_TAKEN, "This username is taken") : Future.succeededFuture());
    }
    return usernameFree
      .compose(v -> avatarFields(userId, patch, avatarMediaId))
      .compose(avatar -> {
        set.mergeIn(avatar);
        return set.isEmpty() ? users.byId(userId) : users.updateProfile(userId, set);
      })
      .recover(err -> Mongo.isDuplicateKey(err)
        ? Errors.fail(ErrorCode.USERNAME_TAKEN, "This username is taken")
        : Future.failedFuture(err))
      .compose(user -> user == null
        ? Errors.fail(ErrorCode.USER_NOT_FOUND, "No such user")
        : Future.succeededFuture(UserViews.selfView(user)));
  }

  /**
   * {@code avatarMediaId}: a ready avatar upload of the user (media-service checks) sets it and its stable
   * {@code avatarUrl}; null removes the avatar; absent changes nothing.
   */
  private Future<JsonObject> avatarFields(String userId, JsonObject patch, String avatarMediaId) {
    if (patch == null || !patch.containsKey("avatarMediaId")) {
      return Future.succeededFuture(new JsonObject());
    }
    if (avatarMediaId == null) {
      return Future.succeededFuture(new JsonObject().putNull("avatarMediaId").putNull("avatarUrl"));
    }
    return media.avatarFor(userId, avatarMediaId).map(avatar -> new JsonObject()
      .put("avatarMediaId", avatarMediaId).put("avatarUrl", avatar.getString("url")));
  }

  @Override
  public Future<JsonObject> getProfile(String callerId, String userId) {
    return Input.checkId("userId", userId)
      .compose(v -> users.byId(userId))
      .compose(user -> user == null
        ? Errors.fail(ErrorCode.USER_NOT_FOUND, "No such user")
        : seesPresenceOf(callerId, user).map(sees -> presenceFor(sees, UserViews.publicView(user))));
  }

  /** Whether the caller may see the user's presence: themself, a friend, or someone they share a chat with. */
  private Future<Boolean> seesPresenceOf(String callerId, JsonObject user) {
    String userId = user.getString("_id");
    if (userId.equals(callerId) || user.getJsonArray("friends", new JsonArray()).contains(callerId)) {
      return Future.succeededFuture(true);
    }
    return chats.chatPartnerIds(callerId).map(partners -> partners.contains(userId));
  }

  /** Presence ({@code status}, {@code lastSeenAt}) is for friends and chat partners; strangers see neither. */
  private static JsonObject presenceFor(boolean sees, JsonObject view) {
    if (!sees) {
      view.remove("status");
      view.remove("lastSeenAt");
    }
    return view;
  }

  @Override
  public Future<JsonObject> searchUsers(String callerId, String query, int limit) {
    Input in = Input.of(new JsonObject().put("q", query));
    String q = in.requiredString("q", 1, 100);
    if (in.invalid()) {
      return in.failure();
    }
    int size = Paging.limit(limit);
    return users.search(q, callerId, size).compose(found -> chats.chatPartnerIds(callerId).map(partners ->
      Paging.page(found.stream().map(user -> presenceFor(partners.contains(user.getString("_id"))
        || user.getJsonArray("friends", new JsonArray()).contains(callerId), UserViews.publicView(user))).toList(), size)));
  }

  @Override
  public Future<JsonArray> getProfiles(List<String> userIds) {
    List<String> valid = userIds == null ? List.of() : userIds.stream().filter(Ids::isValid).distinct().toList();
    if (valid.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    return users.byIds(valid).map(found -> new JsonArray(found.stream().map(UserViews::publicView).toList()));
  }

  @Override
  public Future<Integer> tokenVersion(String userId) {
    return users.byId(userId).compose(user -> user == null
      ? Errors.fail(ErrorCode.TOKEN_INVALID, "The account no longer exists")
      : Future.succeededFuture(user.getInteger("tokenVersion", 0)));
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }

  @Override
  public Future<JsonObject> listProfilesExcept(List<String> excludedIds, String after, int limit) {
    Future<Void> cursor = after == null ? Future.succeededFuture() : Input.checkId("after", after);
    int size = Paging.limit(limit);
    List<String> excluded = excludedIds == null ? List.of() : excludedIds;
    // the people who are not the caller's friends: strangers see no presence (even a chat partner's shows elsewhere)
    return cursor.compose(v -> users.verifiedExcept(excluded, after, size))
      .map(found -> Paging.page(found.stream().map(user -> presenceFor(false, UserViews.publicView(user))).toList(), size));
  }

  // ---- presence and contact, for notification-service

  @Override
  public Future<Void> setPresence(String userId, String status, String lastSeenAt, long version) {
    if (!"online".equals(status) && !"offline".equals(status)) {
      return Errors.fail(ErrorCode.VALIDATION, "status must be online or offline");
    }
    return Input.checkId("userId", userId)
      .compose(v -> users.setPresence(userId, status, lastSeenAt == null ? null : Instant.parse(lastSeenAt), version));
  }

  @Override
  public Future<JsonObject> contactFor(String userId) {
    return Input.checkId("userId", userId)
      .compose(v -> users.byId(userId))
      .compose(user -> user == null
        ? Errors.fail(ErrorCode.USER_NOT_FOUND, "No such user")
        : Future.succeededFuture(new JsonObject()
          .put("email", user.getString("email")).put("firstName", user.getString("firstName"))));
  }
}
