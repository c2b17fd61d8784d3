package io.rtchat.common;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Access tokens: HS256 only (the algorithm is pinned by offering no other key), with {@code exp}, {@code iss} and
 * {@code aud}. Claims: {@code sub} the user id, {@code ver} the user's token version (bumped by a password reset),
 * {@code sid} the login it belongs to. A token without {@code exp} is never accepted (see the gateway's AccessTokens).
 */
public final class Jwt {

  public static final String ALGORITHM = "HS256";
  public static final String CLAIM_VERSION = "ver";
  /** The login (refresh-token family) a token belongs to: logging out ends its tokens and sockets, not the others. */
  public static final String CLAIM_SESSION = "sid";

  private Jwt() {
  }

  public static JWTAuth auth(Vertx vertx, Config config) {
    String secret = config.get(Setting.JWT_SECRET);
    SecretPolicy.requireStrongJwtSecret(secret);
    JWTOptions verify = new JWTOptions()
      .setAlgorithm(ALGORITHM)
      .setIssuer(config.get(Setting.JWT_ISSUER))
      .addAudience(config.get(Setting.JWT_AUDIENCE))
      .setLeeway(5);
    return JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
      .setJWTOptions(verify));
  }

  public static String issue(JWTAuth auth, Config config, String userId, int tokenVersion, String sessionId) {
    JWTOptions options = new JWTOptions()
      .setAlgorithm(ALGORITHM)
      .setSubject(userId)
      .setIssuer(config.get(Setting.JWT_ISSUER))
      .addAudience(config.get(Setting.JWT_AUDIENCE))
      .setExpiresInSeconds(config.getInt(Setting.ACCESS_TOKEN_TTL_SECONDS));
    return auth.generateToken(new JsonObject().put(CLAIM_VERSION, tokenVersion).put(CLAIM_SESSION, sessionId), options);
  }
}
