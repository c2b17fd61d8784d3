package io.rtchat.notification;

import io.rtchat.api.FriendRequestSent;
import io.rtchat.api.GroupInvitationsMade;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoticesTest {

  private static final String ANN = "a00000000000000000000001";
  private static final String BEN = "b00000000000000000000002";
  private static final String CHAT = "c00000000000000000000003";

  @Test
  void aLongMessageIsCutToAPreviewWithAnEllipsis() {
    String text = "x".repeat(500);
    String preview = Notices.preview("  " + text + "  ");
    assertThat(preview).hasSize(200).endsWith("…");
    assertThat(Notices.preview("short ")).isEqualTo("short");
    assertThat(Notices.preview(null)).isEmpty();
    assertThat(Notices.preview(42)).isEmpty();
  }

  @Test
  void aMessageNoticeNeedsItsChat() {
    Future<JsonObject> noChat = Notices.fromCall(new JsonObject().put("type", "message").put("content", "hi"));
    ServiceException failure = (ServiceException) noChat.cause();
    assertThat(failure.getDebugInfo().getString("code")).isEqualTo("request.invalid");
    assertThat(failure.getDebugInfo().getJsonObject("fields").getString("chatId")).isEqualTo("is required for message notifications");
  }

  @Test
  void anUnknownTypeOrBadIdIsRefused() {
    ServiceException failure = (ServiceException) Notices.fromCall(new JsonObject().put("type", "spam")
      .put("senderId", "not-an-id")).cause();
    assertThat(failure.getDebugInfo().getJsonObject("fields").fieldNames()).contains("type", "senderId");
    assertThat(Notices.fromCall(null).failed()).isTrue();
  }

  @Test
  void aValidCallIsShapedWithEveryField() {
    JsonObject notice = Notices.fromCall(new JsonObject().put("type", "message").put("content", "hello")
      .put("chatId", CHAT).put("senderId", ANN).put("relatedId", BEN)).result();
    assertThat(notice).isEqualTo(new JsonObject().put("type", "message").put("content", "hello")
      .put("relatedId", BEN).put("chatId", CHAT).put("senderId", ANN));
  }

  @Test
  void internalEventsBecomeTheSameNoticesAsBefore() {
    JsonObject friend = Notices.friendRequest(new FriendRequestSent().setRequestId(CHAT).setSenderId(ANN).setReceiverId(BEN));
    assertThat(friend.getString("type")).isEqualTo("friend_request");
    assertThat(friend.getString("content")).isEqualTo("sent you a friend request");
    assertThat(friend.getString("relatedId")).isEqualTo(CHAT);
    assertThat(friend.getString("senderId")).isEqualTo(ANN);

    GroupInvitationsMade made = new GroupInvitationsMade().setGroupId(CHAT).setGroupName("Climbers").setSenderId(ANN)
      .setInviteeIds(List.of(BEN));
    JsonObject invite = Notices.groupInvite(new GroupInvitationsMade(made.toJson()));
    assertThat(invite.getString("type")).isEqualTo("group_invite");
    assertThat(invite.getString("content")).isEqualTo("invited you to Climbers");
    assertThat(invite.getString("relatedId")).isEqualTo(CHAT);
  }

  @Test
  void theEventPayloadsSurviveTheirJsonForm() {
    GroupInvitationsMade made = new GroupInvitationsMade().setGroupId(CHAT).setGroupName("G").setSenderId(ANN)
      .setInviteeIds(List.of(BEN, ANN));
    GroupInvitationsMade back = new GroupInvitationsMade(made.toJson());
    assertThat(back.getInviteeIds()).containsExactly(BEN, ANN);
    assertThat(back.getSenderId()).isEqualTo(ANN);
    FriendRequestSent sent = new FriendRequestSent(new FriendRequestSent().setRequestId(CHAT).setReceiverId(BEN).toJson());
    assertThat(sent.getRequestId()).isEqualTo(CHAT);
    assertThat(sent.getReceiverId()).isEqualTo(BEN);
  }

  @Test
  void theSenderAndBadOrRepeatedIdsGetNoNotice() {
    assertThat(Notices.recipients(Arrays.asList(ANN, BEN, BEN, "nope", null), ANN)).containsExactly(BEN);
    assertThat(Notices.recipients(null, ANN)).isEmpty();
  }
}
