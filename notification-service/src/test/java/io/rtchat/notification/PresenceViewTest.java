package io.rtchat.notification;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PresenceViewTest {

  @Test
  void appliedChangesDecideWhoIsOffline() {
    PresenceView view = new PresenceView();
    view.apply("a", true);
    view.apply("b", true);
    view.apply("b", false);
    assertThat(view.offline(List.of("a", "b", "c"))).containsExactly("b", "c");
  }

  @Test
  void reloadReplacesTheView() {
    PresenceView view = new PresenceView();
    view.apply("stale", true);
    view.reloadStarted();
    view.reloaded(Set.of("a"));
    assertThat(view.isOnline("stale")).isFalse();
    assertThat(view.isOnline("a")).isTrue();
  }

  @Test
  void changesDuringAReloadWinOverItsOlderSnapshot() {
    PresenceView view = new PresenceView();
    view.reloadStarted();
    view.apply("a", false);
    view.apply("b", true);
    view.apply("c", true);
    view.apply("c", false);
    view.reloaded(Set.of("a", "c"));
    assertThat(view.isOnline("a")).isFalse();
    assertThat(view.isOnline("b")).isTrue();
    assertThat(view.isOnline("c")).isFalse();
  }

  @Test
  void changesAfterAReloadAreNotReplayedByTheNext() {
    PresenceView view = new PresenceView();
    view.reloadStarted();
    view.reloaded(Set.of());
    view.apply("a", true);
    view.reloadStarted();
    view.reloaded(Set.of());
    assertThat(view.isOnline("a")).isFalse();
  }

  @Test
  void aFailedReloadKeepsTheView() {
    PresenceView view = new PresenceView();
    view.apply("a", true);
    view.reloadStarted();
    view.reloadFailed();
    assertThat(view.isOnline("a")).isTrue();
    assertThat(view.size()).isEqualTo(1);
  }
}
