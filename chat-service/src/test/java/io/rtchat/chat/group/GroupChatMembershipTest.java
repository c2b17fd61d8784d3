package io.rtchat.chat.group;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule by which a group's chat takes a member list: never an older one, a repeated one changes nothing. */
class GroupChatMembershipTest {

  private static JsonObject chat(Long version, String... participants) {
    JsonObject chat = new JsonObject().put("participants", new JsonArray(List.of(participants)));
    if (version != null) {
      chat.put(GroupChatMembership.VERSION, version);
    }
    return chat;
  }

  @Test
  void aNewerListRemovesWhoLeftAndAddsWhoJoined() {
    GroupChatMembership change = GroupChatMembership.decide(chat(3L, "ann", "ben", "cat"), List.of("ann", "cat", "dee"), 4);
    assertThat(change.apply()).isTrue();
    assertThat(change.removed()).containsExactly("ben");
    assertThat(change.added()).containsExactly("dee");
    assertThat(change.changesParticipants()).isTrue();
  }

  @Test
  void anOlderListChangesNothingSoAStaleRetryCannotBringARemovedMemberBack() {
    // ben was removed at version 5; a retry that read the group at version 4 (ben still in) arrives late
    GroupChatMembership stale = GroupChatMembership.decide(chat(5L, "ann", "cat"), List.of("ann", "ben", "cat"), 4);
    assertThat(stale.apply()).isFalse();
    assertThat(stale.added()).isEmpty();
  }

  @Test
  void theSameListAtTheSameVersionIsInStep() {
    GroupChatMembership same = GroupChatMembership.decide(chat(7L, "ann", "ben"), List.of("ben", "ann"), 7);
    assertThat(same.apply()).isFalse();
  }

  @Test
  void aNewerVersionWithTheSameMembersIsStillTakenSoAnOlderOneCannotFollowIt() {
    // ben joined (v6) and was removed again (v7): the chat must hold 7, or the late v6 list would add ben back
    GroupChatMembership newer = GroupChatMembership.decide(chat(5L, "ann"), List.of("ann"), 7);
    assertThat(newer.apply()).isTrue();
    assertThat(newer.changesParticipants()).isFalse();
    GroupChatMembership late = GroupChatMembership.decide(chat(7L, "ann"), List.of("ann", "ben"), 6);
    assertThat(late.apply()).isFalse();
  }

  @Test
  void aChatThatDriftedAtTheSameVersionIsCorrected() {
    GroupChatMembership drift = GroupChatMembership.decide(chat(2L, "ann", "ben", "eve"), List.of("ann", "ben"), 2);
    assertThat(drift.apply()).isTrue();
    assertThat(drift.removed()).containsExactly("eve");
  }

  @Test
  void aChatThatNeverTookAVersionTakesAnyList() {
    // chats created with their group, or before versions existed: version 0 (an unchanged group) included
    GroupChatMembership first = GroupChatMembership.decide(chat(null, "ann", "ben"), List.of("ann"), 0);
    assertThat(first.apply()).isTrue();
    assertThat(first.removed()).containsExactly("ben");
    assertThat(GroupChatMembership.decide(chat(null, "ann"), List.of("ann"), 0).apply())
      .as("even in step, the version is recorded").isTrue();
  }
}
