package io.rtchat.chat.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The views of a chat's history: every message ({@code all}, the plain history), and the collections a chat's info
 * screen shows: what the viewer starred, its images and videos, its links, its files and voice notes. Which messages
 * belong to which is MessageStore's query; deleted messages belong to no collection.
 */
public enum MessageCollection {
  ALL("all"), STARRED("starred"), MEDIA("media"), LINKS("links"), FILES("files");

  /** The collections' names as the API spells them (without {@code all}, which is the history itself). */
  public static final List<String> NAMES = Arrays.stream(values()).filter(c -> c != ALL).map(c -> c.path).toList();

  private final String path;

  MessageCollection(String path) {
    this.path = path;
  }

  public static Optional<MessageCollection> named(String name) {
    return Arrays.stream(values()).filter(c -> c.path.equals(name)).findFirst();
  }
}
