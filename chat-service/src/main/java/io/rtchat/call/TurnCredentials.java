package io.rtchat.call;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * ICE servers for WebRTC clients, with TURN credentials in the TURN REST API scheme that coturn implements with
 * {@code use-auth-secret}: username {@code <expiry unix time>:<userId>}, password base64(HMAC-SHA1(secret, username)).
 * The TURN server recomputes the password from the shared secret and refuses it after the expiry; the secret
 * itself never leaves this class.
 */
final class TurnCredentials {

  private final List<String> stunUrls;
  private final List<String> turnUrls;
  private final byte[] secret;
  private final long ttlSeconds;

  TurnCredentials(Config config) {
    this.stunUrls = config.getList(Setting.STUN_URLS);
    this.turnUrls = config.getList(Setting.TURN_URLS);
    String configured = config.get(Setting.TURN_SECRET);
    this.secret = configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    this.ttlSeconds = config.getInt(Setting.TURN_TTL);
  }

  boolean turnConfigured() {
    return secret != null && !turnUrls.isEmpty();
  }

  JsonObject iceServersFor(String userId, Instant now) {
    JsonArray servers = new JsonArray();
    if (!stunUrls.isEmpty()) {
      servers.add(new JsonObject().put("urls", new JsonArray(stunUrls)));
    }
    if (turnConfigured()) {
      String username = (now.getEpochSecond() + ttlSeconds) + ":" + userId;
      servers.add(new JsonObject().put("urls", new JsonArray(turnUrls))
        .put("username", username).put("credential", credential(username)));
    }
    return new JsonObject().put("iceServers", servers).put("ttl", ttlSeconds);
  }

  private String credential(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
