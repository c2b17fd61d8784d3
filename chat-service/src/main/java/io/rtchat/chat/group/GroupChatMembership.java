package io.rtchat.chat.group;

import io.rtchat.chat.ChatViews;
import io.rtchat.chat.store.ChatStore;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the group's membership at {@code version} does to the group's chat. group-service numbers every membership change
 * of a group (its {@code version}) and sends the whole member list; the chat keeps the version it last took
 * ({@code groupVersion}). A list older than the chat's is stale and changes nothing: a retry or a reconciliation that
 * read the group before a removal can never put the removed member back. Equal versions may still be taken (a repeated
 * call writes the same list; a chat edited by hand is corrected).
 *
 * @param apply   whether the chat is to be written at all
 * @param added   members who are not participants yet
 * @param removed participants who are no members any more
 */
record GroupChatMembership(boolean apply, List<String> added, List<String> removed) {

  static final String VERSION = ChatStore.GROUP_VERSION;

  static GroupChatMembership decide(JsonObject chat, List<String> memberIds, long version) {
    Long stored = storedVersion(chat);
    if (stored != null && stored > version) {
      return new GroupChatMembership(false, List.of(), List.of());
    }
    Set<String> participants = new LinkedHashSet<>(ChatViews.participants(chat));
    Set<String> members = new LinkedHashSet<>(memberIds);
    List<String> added = members.stream().filter(m -> !participants.contains(m)).toList();
    List<String> removed = participants.stream().filter(p -> !members.contains(p)).toList();
    boolean inStep = added.isEmpty() && removed.isEmpty() && stored != null && stored == version;
    return new GroupChatMembership(!inStep, added, removed);
  }

  /** The membership version the chat last took; null for a chat that never took one (created with its group). */
  static Long storedVersion(JsonObject chat) {
    return chat.getLong(VERSION);
  }

  /** Whether the participants change (not only the version): then the chat's activity time and its members' views do. */
  boolean changesParticipants() {
    return !added.isEmpty() || !removed.isEmpty();
  }
}
