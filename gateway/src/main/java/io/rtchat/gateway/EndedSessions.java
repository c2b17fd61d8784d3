package io.rtchat.gateway;

import io.rtchat.api.AuthService;
import io.rtchat.common.Addresses;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The logins that ended while their access tokens may still be unexpired, held in memory so that checking a token
 * costs a map lookup. A gateway learns of each end from {@code internal.auth.session-ended}; one that starts after
 * an end never heard it, so it first loads the ended logins from auth-service, once. It listens before it loads: an
 * end either is in the loaded list or its event arrives afterwards. Until the load has succeeded, a check waits for
 * it (one load shared by every waiting check; a failed load is tried again by the next check).
 */
class EndedSessions {

  private static final Logger log = LoggerFactory.getLogger(EndedSessions.class);
  private static final int SIZE = 100_000;

  private final AuthService auth;
  private final long keepMillis;
  private final Map<String, Long> ended = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > SIZE || eldest.getValue() < System.currentTimeMillis();
    }
  };
  private final Future<Void> listening;
  private Future<Void> loaded;
  private boolean ready;

  /** {@code keepMillis}: how long an ended login's access tokens may stay unexpired (their lifetime and a margin). */
  EndedSessions(Vertx vertx, AuthService auth, long keepMillis, BiConsumer<String, String> onEnded) {
    this.auth = auth;
    this.keepMillis = keepMillis;
    this.listening = vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_SESSION_ENDED, msg -> {
      String userId = msg.body().getString("userId");
      String sessionId = msg.body().getString("sessionId");
      if (userId != null && sessionId != null) {
        remember(sessionId);
        onEnded.accept(userId, sessionId);
      }
    }).completion();
    load();
  }

  private void remember(String sessionId) {
    ended.put(sessionId, System.currentTimeMillis() + keepMillis);
  }

  /** Whether the login has ended; fails (503) only while the ended logins could not be loaded yet. */
  Future<Boolean> isEnded(String sessionId) {
    if (ready) {
      return Future.succeededFuture(ended.containsKey(sessionId));
    }
    return load().map(v -> ended.containsKey(sessionId));
  }

  private Future<Void> load() {
    if (loaded == null) {
      loaded = listening.compose(v -> auth.endedSessions()).map(ids -> {
        ids.forEach(this::remember);
        ready = true;
        log.info("loaded {} ended logins", ids.size());
        return (Void) null;
      }).recover(err -> {
        loaded = null;
        return Errors.fail(ErrorCode.UNAVAILABLE, "Sign-in state is not loaded yet; try again");
      });
    }
    return loaded;
  }
}
