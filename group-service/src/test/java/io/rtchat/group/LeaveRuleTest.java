package io.rtchat.group;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaveRuleTest {

  private static final String ANN = "a00000000000000000000001";
  private static final String BEN = "b00000000000000000000002";
  private static final String CAT = "c00000000000000000000003";

  private static JsonObject group(JsonArray members, JsonArray admins) {
    return new JsonObject().put("_id", "f00000000000000000000000").put("members", members).put("admins", admins);
  }

  @Test
  void theLastMemberDeletesTheGroup() {
    LeaveRule rule = LeaveRule.decide(group(new JsonArray().add(ANN), new JsonArray().add(ANN)), ANN);
    assertThat(rule.kind()).isEqualTo(LeaveRule.Case.DELETE_AS_LAST_MEMBER);
    assertThat(rule.heir()).isNull();
  }

  @Test
  void aMemberWhoIsNoAdminJustLeaves() {
    LeaveRule rule = LeaveRule.decide(group(new JsonArray().add(ANN).add(BEN), new JsonArray().add(ANN)), BEN);
    assertThat(rule.kind()).isEqualTo(LeaveRule.Case.LEAVE_AS_MEMBER);
  }

  @Test
  void oneOfSeveralAdminsLeavesWithoutHandingOver() {
    LeaveRule rule = LeaveRule.decide(group(new JsonArray().add(ANN).add(BEN).add(CAT), new JsonArray().add(ANN).add(CAT)), CAT);
    assertThat(rule.kind()).isEqualTo(LeaveRule.Case.LEAVE_AS_ONE_OF_ADMINS);
    assertThat(rule.heir()).isNull();
  }

  @Test
  void theOnlyAdminHandsAdminToTheLongestStandingMember() {
    // join order: ben joined before cat; ann (the only admin) joined last
    LeaveRule rule = LeaveRule.decide(group(new JsonArray().add(BEN).add(CAT).add(ANN), new JsonArray().add(ANN)), ANN);
    assertThat(rule.kind()).isEqualTo(LeaveRule.Case.LEAVE_AS_ONLY_ADMIN);
    assertThat(rule.heir()).isEqualTo(BEN);
  }

  @Test
  void theHeirIsNeverTheLeaverEvenWhenTheyJoinedFirst() {
    LeaveRule rule = LeaveRule.decide(group(new JsonArray().add(ANN).add(CAT).add(BEN), new JsonArray().add(ANN)), ANN);
    assertThat(rule.heir()).isEqualTo(CAT);
  }
}
