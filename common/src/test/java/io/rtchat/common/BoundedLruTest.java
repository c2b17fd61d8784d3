package io.rtchat.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLruTest {

  @Test
  void theLeastRecentlyUsedEntryGoesFirst() {
    BoundedLru<String, Integer> lru = new BoundedLru<>(2);
    lru.put("a", 1);
    lru.put("b", 2);
    lru.get("a"); // a read counts as use
    lru.put("c", 3);
    assertThat(lru).containsOnlyKeys("a", "c");
  }

  @Test
  void itNeverHoldsMoreThanItsBound() {
    BoundedLru<Integer, Integer> lru = new BoundedLru<>(100);
    for (int i = 0; i < 1000; i++) {
      lru.put(i, i);
    }
    assertThat(lru).hasSize(100).containsKey(999).doesNotContainKey(899);
    assertThat(lru.maxEntries()).isEqualTo(100);
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThatThrownBy(() -> new BoundedLru<String, String>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
