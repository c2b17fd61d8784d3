package io.rtchat.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** How a chat document looks to each of its participants. */
class ChatViewsTest {

  private static JsonObject chat() {
    JsonObject when = new JsonObject().put("$date", "2026-01-02T03:04:05Z");
    return new JsonObject()
      .put("_id", "c1")
      .put("isGroup", true)
      .put("name", "Team")
      .put("participants", new JsonArray().add("ann").add("bob").add("cy"))
      .put("groupId", "g1")
      .put("lastSeq", 10L)
      .put("readSeq", new JsonObject().put("ann", 10L).put("bob", 4L))
      .put("pinnedBy", new JsonArray().add("ann").add("cy"))
      .put("createdAt", when)
      .put("updatedAt", when);
  }

  @Test
  void theUnreadCountIsWhatCameAfterTheViewersReadPointer() {
    assertThat(ChatViews.chatFor(chat(), "ann").getLong("unreadCount")).isZero();
    assertThat(ChatViews.chatFor(chat(), "bob").getLong("unreadCount")).isEqualTo(6L);
    assertThat(ChatViews.chatFor(chat(), "bob").getLong("readSeq")).isEqualTo(4L);
    // someone who never read anything (no pointer yet) has everything unread
    assertThat(ChatViews.chatFor(chat(), "cy").getLong("unreadCount")).isEqualTo(10L);
  }

  @Test
  void pinsArePersonalSoAViewerSeesOnlyTheirOwn() {
    JsonObject ann = ChatViews.chatFor(chat(), "ann");
    JsonObject bob = ChatViews.chatFor(chat(), "bob");

    assertThat(ann.getBoolean("pinned")).isTrue();
    assertThat(ann.getJsonArray("pinnedBy")).containsExactly("ann");
    assertThat(bob.getBoolean("pinned")).isFalse();
    assertThat(bob.getJsonArray("pinnedBy")).isEmpty();
  }

  @Test
  void theSharedViewCarriesTheChatWithoutPrivateState() {
    JsonObject view = ChatViews.chat(chat());

    assertThat(view.getString("id")).isEqualTo("c1");
    assertThat(view.getString("name")).isEqualTo("Team");
    assertThat(view.getLong("lastSeq")).isEqualTo(10L);
    assertThat(view.getString("createdAt")).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(view.fieldNames()).doesNotContain("_id", "readSeq", "unreadCount", "pinned");
  }

  @Test
  void aNewChatWithoutMessagesOrPointersHasNothingUnread() {
    JsonObject empty = new JsonObject().put("_id", "c2").put("participants", new JsonArray().add("ann"));

    JsonObject view = ChatViews.chatFor(empty, "ann");
    assertThat(view.getLong("unreadCount")).isZero();
    assertThat(view.getBoolean("isGroup")).isFalse();
    assertThat(ChatViews.participants(empty)).containsExactly("ann");
  }
}
