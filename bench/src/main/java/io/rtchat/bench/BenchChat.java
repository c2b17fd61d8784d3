package io.rtchat.bench;

import java.util.BitSet;
import java.util.List;

/** A chat under load: its members' devices, who sends each message in turn, and what was sent and refused. */
final class BenchChat {

  final int index;
  final String id;
  /** Every device of every member: each must receive every message (the sender's too when the server echoes). */
  final List<Device> devices;
  /** One device per member; message {@code seq} is sent by {@code senders.get(seq % size)}. */
  final List<Device> senders;

  /** Messages sent in the current step (written by the scheduler's thread only). */
  volatile int sent;
  private final BitSet failed = new BitSet();
  private final BitSet answered = new BitSet();

  BenchChat(int index, String id, List<Device> devices, List<Device> senders) {
    this.index = index;
    this.id = id;
    this.devices = devices;
    this.senders = senders;
  }

  Device sender(int seq) {
    return senders.get(seq % senders.size());
  }

  synchronized void reset() {
    sent = 0;
    failed.clear();
    answered.clear();
  }

  /** The server answered this message: it is stored, so every recipient must get it. */
  synchronized void answered(int seq) {
    answered.set(seq);
  }

  synchronized BitSet answered() {
    return (BitSet) answered.clone();
  }

  synchronized void failed(int seq) {
    failed.set(seq);
  }

  synchronized BitSet failed() {
    return (BitSet) failed.clone();
  }
}
