package io.rtchat.auth;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;

import java.time.Instant;

/** Stores the presence notification-service reports; a report older than the stored one is ignored (see UserStore.setPresence). */
class PresenceReports {

  private final UserStore users;

  PresenceReports(UserStore users) {
    this.users = users;
  }

  Future<Void> record(String userId, String status, String lastSeenAt, long version) {
    if (!"online".equals(status) && !"offline".equals(status)) {
      return Errors.fail(ErrorCode.VALIDATION, "status must be online or offline");
    }
    return Input.checkId("userId", userId)
      .compose(v -> users.setPresence(userId, status, lastSeenAt == null ? null : Instant.parse(lastSeenAt), version));
  }
}
