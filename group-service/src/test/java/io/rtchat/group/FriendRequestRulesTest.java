package io.rtchat.group;

import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;

import static io.rtchat.group.GroupAccessTest.code;
import static org.assertj.core.api.Assertions.assertThat;

class FriendRequestRulesTest {

  private static final String ANN = "a00000000000000000000001";
  private static final String BEN = "b00000000000000000000002";
  private static final String CAT = "c00000000000000000000003";

  private static JsonObject request(String status) {
    return new JsonObject().put("_id", "e00000000000000000000000").put("kind", "friend")
      .put("sender", ANN).put("receiver", BEN).put("status", status);
  }

  @Test
  void aStrangerOrAMissingRequestIsNotFound() {
    assertThat(code(FriendRequestRules.refusal(CAT, request("pending")))).isEqualTo("friend.request_not_found");
    assertThat(code(FriendRequestRules.refusal(ANN, null))).isEqualTo("friend.request_not_found");
    assertThat(code(FriendRequestRules.refusal(ANN, request("pending").put("kind", "group"))))
      .isEqualTo("friend.request_not_found");
  }

  @Test
  void aClosedRequestCannotBeAnsweredAgain() {
    assertThat(code(FriendRequestRules.refusal(BEN, request("accepted")))).isEqualTo("friend.request_not_pending");
  }

  @Test
  void theWrongSideIsForbidden() {
    // the update matched nothing while pending: the sender tried to answer, or the receiver to cancel
    assertThat(code(FriendRequestRules.refusal(ANN, request("pending")))).isEqualTo("auth.forbidden");
    assertThat(code(FriendRequestRules.refusal(BEN, request("pending")))).isEqualTo("auth.forbidden");
  }

  @Test
  void anExistingRequestSaysWhoseItIs() {
    ServiceException mine = (ServiceException) FriendRequestRules.alreadyPending(ANN, request("pending")).cause();
    ServiceException theirs = (ServiceException) FriendRequestRules.alreadyPending(BEN, request("pending")).cause();
    assertThat(mine.getDebugInfo().getString("code")).isEqualTo("friend.request_exists");
    assertThat(mine.getDebugInfo().getJsonObject("fields").getString("direction")).isEqualTo("outgoing");
    assertThat(theirs.getDebugInfo().getJsonObject("fields").getString("direction")).isEqualTo("incoming");
    assertThat(theirs.getDebugInfo().getJsonObject("fields").getString("requestId")).isEqualTo("e00000000000000000000000");
  }
}
