package io.rtchat.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One instance's in-memory copy of who has a socket open anywhere in the cluster, so deciding who of a message's
 * recipients is offline reads no MongoDB. Fed by the published presence changes and reloaded from MongoDB (the durable
 * truth) at start and periodically. A reload races with changes arriving while its query runs: those are kept aside
 * and applied again over the loaded set, so a change is never lost to an older snapshot. Event-loop confined.
 */
final class PresenceView {

  private final Set<String> online = new HashSet<>();
  /** Changes seen since the running reload started (null when none runs); the last change per user wins. */
  private Map<String, Boolean> sinceReload;

  void apply(String userId, boolean isOnline) {
    if (sinceReload != null) {
      sinceReload.remove(userId);
      sinceReload.put(userId, isOnline);
    }
    if (isOnline) {
      online.add(userId);
    } else {
      online.remove(userId);
    }
  }

  /** Call before querying MongoDB for the online users. */
  void reloadStarted() {
    sinceReload = new LinkedHashMap<>();
  }

  /** Replaces the view with {@code loaded}, then re-applies the changes that arrived while it was being read. */
  void reloaded(Collection<String> loaded) {
    Map<String, Boolean> pending = sinceReload == null ? Map.of() : sinceReload;
    sinceReload = null;
    online.clear();
    online.addAll(loaded);
    pending.forEach(this::apply);
  }

  /** A failed reload keeps the current view. */
  void reloadFailed() {
    sinceReload = null;
  }

  boolean isOnline(String userId) {
    return online.contains(userId);
  }

  /** Those of {@code userIds} with no socket open, in order. */
  List<String> offline(Collection<String> userIds) {
    List<String> out = new ArrayList<>();
    for (String id : userIds) {
      if (!online.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  int size() {
    return online.size();
  }
}
