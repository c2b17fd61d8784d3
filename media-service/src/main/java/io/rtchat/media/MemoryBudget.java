package io.rtchat.media;

/**
 * Bytes that decoding images may hold at once, across all thumbnail workers: a decode that would go past it is
 * refused rather than queued, so no mix of images can together exhaust the heap.
 */
final class MemoryBudget {

  private final long capacity;
  private long inUse;

  MemoryBudget(long capacity) {
    this.capacity = capacity;
  }

  /** Takes {@code bytes} if they fit; false (nothing taken) when they do not. */
  synchronized boolean tryTake(long bytes) {
    if (bytes > capacity - inUse) {
      return false;
    }
    inUse += bytes;
    return true;
  }

  synchronized void give(long bytes) {
    inUse -= bytes;
  }

  synchronized long inUse() {
    return inUse;
  }
}
