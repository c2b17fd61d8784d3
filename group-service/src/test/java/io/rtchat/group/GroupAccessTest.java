package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupAccessTest {

  private static final String ADMIN = "a00000000000000000000001";
  private static final String MEMBER = "b00000000000000000000002";
  private static final String STRANGER = "c00000000000000000000003";
  private static final String INVITEE = "d00000000000000000000004";

  private static final JsonObject GROUP = new JsonObject().put("_id", "f00000000000000000000000")
    .put("members", new JsonArray().add(ADMIN).add(MEMBER))
    .put("admins", new JsonArray().add(ADMIN))
    .put("invited", new JsonArray().add(INVITEE));

  static String code(Future<?> failed) {
    assertThat(failed.failed()).as("a failed future").isTrue();
    return ((ServiceException) failed.cause()).getDebugInfo().getString("code");
  }

  @Test
  void onlyAdminsMayActAsAdmin() {
    assertThat(GroupAccess.refusal(ADMIN, GROUP, true)).isNull();
    assertThat(GroupAccess.refusal(MEMBER, GROUP, true)).isEqualTo(ErrorCode.GROUP_NOT_ADMIN);
    assertThat(GroupAccess.refusal(STRANGER, GROUP, true)).isEqualTo(ErrorCode.GROUP_NOT_MEMBER);
  }

  @Test
  void everyMemberMayActAsMember() {
    assertThat(GroupAccess.refusal(MEMBER, GROUP, false)).isNull();
    assertThat(GroupAccess.refusal(INVITEE, GROUP, false)).isEqualTo(ErrorCode.GROUP_NOT_MEMBER);
  }

  @Test
  void aMissingGroupIsNotFoundForEveryone() {
    assertThat(GroupAccess.refusal(ADMIN, null, true)).isEqualTo(ErrorCode.GROUP_NOT_FOUND);
    assertThat(code(GroupAccess.refuse(ADMIN, null, false))).isEqualTo("group.not_found");
  }

  @Test
  void refuseIsNullWhenTheCallerMayAct() {
    assertThat(GroupAccess.<Void>refuse(ADMIN, GROUP, true)).isNull();
  }

  @Test
  void removingOrPromotingSomeoneWhoIsNoMemberExplainsThat() {
    assertThat(code(GroupAccess.whyNotForMember(ADMIN, GROUP))).isEqualTo("group.member_not_found");
    assertThat(code(GroupAccess.whyNotForMember(MEMBER, GROUP))).isEqualTo("group.not_admin");
    assertThat(code(GroupAccess.whyNotForMember(STRANGER, GROUP))).isEqualTo("group.not_member");
  }

  @Test
  void anAdminWhoseRenameMatchedNothingIsToldTheGroupChanged() {
    assertThat(code(GroupAccess.whyNotAsAdmin(ADMIN, GROUP))).isEqualTo("group.not_admin");
    assertThat(code(GroupAccess.whyNotAsAdmin(STRANGER, GROUP))).isEqualTo("group.not_member");
  }

  @Test
  void invitationStateRulesForJoiningOrDeclining() {
    assertThat(GroupAccess.whyNotInvited(STRANGER, null)).isEqualTo(ErrorCode.GROUP_NOT_FOUND);
    assertThat(GroupAccess.whyNotInvited(MEMBER, GROUP)).isEqualTo(ErrorCode.GROUP_ALREADY_MEMBER);
    assertThat(GroupAccess.whyNotInvited(STRANGER, GROUP)).isEqualTo(ErrorCode.GROUP_NOT_INVITED);
    assertThat(code(GroupAccess.failNotInvited(MEMBER, GROUP))).isEqualTo("group.already_member");
  }

  @Test
  void demotionRules() {
    JsonObject twoAdmins = GROUP.copy().put("admins", new JsonArray().add(ADMIN).add(MEMBER));
    assertThat(code(ChangeGroupAdmins.whyNotDemoted(ADMIN, ADMIN, GROUP))).isEqualTo("group.last_admin");
    assertThat(code(ChangeGroupAdmins.whyNotDemoted(MEMBER, ADMIN, GROUP))).isEqualTo("group.not_admin");
    assertThat(code(ChangeGroupAdmins.whyNotDemoted(ADMIN, STRANGER, GROUP))).isEqualTo("group.member_not_found");
    // demoting a member who is no admin changes nothing and answers the group
    Future<JsonObject> noop = ChangeGroupAdmins.whyNotDemoted(ADMIN, MEMBER, GROUP);
    assertThat(noop.succeeded()).isTrue();
    assertThat(noop.result().getJsonArray("admins").getList()).containsExactly(ADMIN);
    assertThat(GroupAccess.refusal(MEMBER, twoAdmins, true)).isNull();
  }
}
