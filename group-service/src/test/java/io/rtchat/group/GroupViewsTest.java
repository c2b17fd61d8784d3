package io.rtchat.group;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GroupViewsTest {

  @Test
  void aGroupViewHasIdsAndIsoDatesAndNoStoreFields() {
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    JsonObject doc = CreateGroup.newGroup("f00000000000000000000000", "Climbers", "a00000000000000000000001",
      java.util.List.of("b00000000000000000000002"), "c00000000000000000000003")
      .put("createdAt", Dates.of(at)).put("secret", "x");
    JsonObject view = GroupViews.group(doc);
    assertThat(view.getString("id")).isEqualTo("f00000000000000000000000");
    assertThat(view.getString("createdAt")).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(view.getJsonArray("invited").getList()).containsExactly("b00000000000000000000002");
    assertThat(view.containsKey("_id")).isFalse();
    assertThat(view.containsKey("secret")).isFalse();
    // a view is a copy: changing it leaves the document alone
    view.getJsonArray("members").add("x");
    assertThat(doc.getJsonArray("members").size()).isEqualTo(1);
  }

  @Test
  void aFriendRequestViewHasNoGroupIdAndAnEmptyContentByDefault() {
    JsonObject view = GroupViews.invitation(new JsonObject().put("_id", "e00000000000000000000000").put("kind", "friend")
      .put("sender", "a").put("receiver", "b").put("status", "pending").put("groupId", null));
    assertThat(view.containsKey("groupId")).isFalse();
    assertThat(view.getString("content")).isEmpty();
    assertThat(GroupViews.ids(new JsonObject().put("members", new JsonArray().add("a")), "members")).containsExactly("a");
  }
}
