package io.rtchat.bench;

import io.vertx.core.Future;

import java.util.List;

/**
 * What differs between the servers under test: how users and chats come to exist (and what a frame must carry to
 * be accepted). Connecting, registering on the inbox, sending with {@code client.chat.send} and receiving
 * {@code message.new} envelopes are the same harness code for both.
 */
interface Target {

  /** A user who can open sockets: its id and the bearer token its frames carry. */
  record User(String id, String token) {
  }

  String name();

  /** What stores the messages (reported beside the figures). */
  String storage();

  Future<List<User>> users(int count);

  /** The 1:1 chat of two users (friends first where the server needs that). */
  Future<String> directChat(User a, User b);

  /** A group chat created by {@code members.get(0)} with everyone else in it. */
  Future<String> groupChat(String name, List<User> members);

}
