package io.rtchat.bench;

import io.vertx.core.http.WebSocket;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One client socket (a "device") of a user, registered on the user's inbox. Its bookkeeping is touched by its own
 * event loop while frames arrive and read by the harness after the drain, hence the monitor.
 */
final class Device {

  final int index;
  final int userIndex;
  final Target.User user;
  volatile WebSocket socket;

  private int step = -1;
  private final Map<Integer, BitSet> received = new HashMap<>();
  private final Set<Integer> synced = new HashSet<>();
  private long duplicates;
  private long lastReceiptNanos;

  Device(int index, int userIndex, Target.User user) {
    this.index = index;
    this.userIndex = userIndex;
    this.user = user;
  }

  synchronized void startStep(int newStep) {
    step = newStep;
    received.clear();
    duplicates = 0;
    lastReceiptNanos = 0;
  }

  /** Records one delivery; false when this (message, device) was already received: a duplicate. */
  synchronized boolean receive(int forStep, int chat, int seq, long now) {
    if (forStep != step) {
      return true; // a late frame from an earlier step: not this step's business
    }
    BitSet bits = received.computeIfAbsent(chat, k -> new BitSet());
    if (bits.get(seq)) {
      duplicates++;
      return false;
    }
    bits.set(seq);
    lastReceiptNanos = Math.max(lastReceiptNanos, now);
    return true;
  }

  synchronized void synced(int chat) {
    synced.add(chat);
  }

  synchronized boolean hasSynced(int chat) {
    return synced.contains(chat);
  }

  synchronized BitSet received(int chat) {
    BitSet bits = received.get(chat);
    return bits == null ? new BitSet() : (BitSet) bits.clone();
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long lastReceiptNanos() {
    return lastReceiptNanos;
  }

  synchronized Set<Integer> chatsReceived() {
    return new HashSet<>(received.keySet());
  }
}
