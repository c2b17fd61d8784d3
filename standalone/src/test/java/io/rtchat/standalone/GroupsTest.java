package io.rtchat.standalone;

import io.rtchat.api.ChatService;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Concurrent;
import io.rtchat.standalone.support.Concurrent.Call;
import io.rtchat.standalone.support.Groups;
import io.rtchat.standalone.support.Groups.TestGroup;
import io.rtchat.standalone.support.Live;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Groups, admins and group invitations through the real REST routes, with the live events on the real bridge. */
class GroupsTest extends StackPerClass {

  Groups groups;
  ChatService chatService;

  @BeforeAll
  void startClients() {
    groups = stack.groups();
    chatService = ChatService.createProxy(stack.vertx);
  }

  private Response create(TestUser owner, String name, TestUser... invitees) {
    JsonArray ids = new JsonArray(List.of(invitees).stream().map(TestUser::id).toList());
    return api.post("/groups", owner.accessToken(), new JsonObject().put("name", name).put("memberIds", ids));
  }

  private JsonObject group(TestGroup g, TestUser reader) {
    Response r = api.get("/groups/" + g.id(), reader.accessToken());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.json();
  }

  private List<Object> list(JsonObject group, String field) {
    return group.getJsonArray(field).getList();
  }

  private boolean inChat(TestGroup g, TestUser user) {
    return chatService.isParticipant(g.chatId(), user.id()).await();
  }

  private List<String> invitationGroups(TestUser user) {
    Response r = api.get("/groups/invitations", user.accessToken());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.items().stream().map(o -> ((JsonObject) o).getString("groupId")).toList();
  }

  @Test
  void creatingAGroupMakesTheCreatorItsAdminWithAChatAndInvitesLive() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    JsonObject answer;
    try (BridgeClient benPhone = Live.device(stack, ben); BridgeClient benLaptop = Live.device(stack, ben);
         BridgeClient catPhone = Live.device(stack, cat)) {
      Response created = create(ann, "Hikers", ben);
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      answer = created.json();
      String groupId = answer.getJsonObject("group").getString("id");
      for (BridgeClient device : List.of(benPhone, benLaptop)) {
        JsonObject invite = device.awaitEvent("group.invite", d -> groupId.equals(d.getString("groupId")));
        assertThat(invite.getJsonObject("data").getJsonObject("group").getString("name")).isEqualTo("Hikers");
        assertThat(invite.getJsonObject("data").getString("sender")).isEqualTo(ann.id());
      }
      assertThat(Live.events(catPhone, 300)).isEmpty();
    }
    JsonObject g = answer.getJsonObject("group");
    TestGroup ref = new TestGroup(g.getString("id"), answer.getString("chatId"));
    assertThat(ref.chatId()).isNotBlank().isEqualTo(g.getString("chatId"));
    assertThat(list(g, "members")).containsExactly(ann.id());
    assertThat(list(g, "admins")).containsExactly(ann.id());
    assertThat(list(g, "invited")).containsExactly(ben.id());
    assertThat(g.getString("name")).isEqualTo("Hikers");

    assertThat(invitationGroups(ben)).containsExactly(ref.id());
    JsonObject invitation = api.get("/groups/invitations", ben.accessToken()).items().getJsonObject(0);
    assertThat(invitation.getString("kind")).isEqualTo("group");
    assertThat(invitation.getString("status")).isEqualTo("pending");
    assertThat(invitation.getJsonObject("group").getString("name")).isEqualTo("Hikers");
    assertThat(invitationGroups(cat)).isEmpty();

    assertThat(api.get("/groups", ann.accessToken()).items().stream().map(o -> ((JsonObject) o).getString("id")).toList())
      .containsExactly(ref.id());
    assertThat(api.get("/groups", ben.accessToken()).items()).isEmpty();
    assertThat(inChat(ref, ann)).isTrue();
    assertThat(inChat(ref, ben)).as("an invitee is not in the chat yet").isFalse();
  }

  @Test
  void aGroupNeedsAValidNameAndExistingInvitees() {
    TestUser ann = users.create("ann");
    assertThat(api.post("/groups", ann.accessToken(), new JsonObject()).status()).isEqualTo(400);
    assertThat(api.post("/groups", ann.accessToken(), new JsonObject().put("name", "  ")).status()).isEqualTo(400);
    assertThat(api.post("/groups", ann.accessToken(), new JsonObject().put("name", "x".repeat(101))).status()).isEqualTo(400);
    assertThat(api.post("/groups", ann.accessToken(), new JsonObject().put("name", "ok").put("memberIds", "nope")).status())
      .isEqualTo(400);
    Response unknown = api.post("/groups", ann.accessToken(), new JsonObject().put("name", "ok")
      .put("memberIds", new JsonArray().add("0123456789abcdef01234567")));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("user.not_found");
    assertThat(api.get("/groups", ann.accessToken()).items()).as("nothing was created").isEmpty();
    assertThat(api.post("/groups", ann.accessToken(), new JsonObject().put("name", "x".repeat(100))).status()).isEqualTo(201);
  }

  @Test
  void groupNamesWithInvisibleOrDirectionChangingCharactersAreRefused() {
    TestUser ann = users.create("ann");
    for (String name : new String[] {"Team\u202Eevil", "\u3164", "a\u200Bb", "\u2800"}) {
      Response refused = api.post("/groups", ann.accessToken(), new JsonObject().put("name", name));
      assertThat(refused.status()).as("%s", name).isEqualTo(400);
      assertThat(refused.json().getJsonObject("error").getJsonObject("fields").fieldNames()).containsExactly("name");
    }
    assertThat(api.get("/groups", ann.accessToken()).items()).as("nothing was created").isEmpty();
    Response created = api.post("/groups", ann.accessToken(), new JsonObject().put("name", "Climbers \uD83E\uDDD7"));
    assertThat(created.status()).isEqualTo(201);
    String base = "/groups/" + created.json().getJsonObject("group").getString("id");
    Response renamed = api.patch(base, ann.accessToken(), new JsonObject().put("name", "Climbers\u2067"));
    assertThat(renamed.status()).isEqualTo(400);
    assertThat(renamed.json().getJsonObject("error").getJsonObject("fields").fieldNames()).containsExactly("name");
    assertThat(api.get(base, ann.accessToken()).json().getString("name")).isEqualTo("Climbers \uD83E\uDDD7");
  }

  @Test
  void joiningTellsEveryMemberAndAddsTheNewMemberToTheChat() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    TestGroup g = groups.withMembers(ann, ben);
    assertThat(api.post("/groups/" + g.id() + "/invite", ann.accessToken(),
      new JsonObject().put("userIds", new JsonArray().add(cat.id()))).status()).isEqualTo(200);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient benPhone = Live.device(stack, ben);
         BridgeClient catPhone = Live.device(stack, cat); BridgeClient danPhone = Live.device(stack, dan)) {
      Response joined = api.post("/groups/" + g.id() + "/accept", cat.accessToken(), null);
      assertThat(joined.status()).as("%s", joined).isEqualTo(200);
      for (BridgeClient device : List.of(annPhone, benPhone, catPhone)) {
        JsonObject event = device.awaitEvent("group.member_joined", d -> g.id().equals(d.getString("groupId")));
        assertThat(event.getJsonObject("data").getString("userId")).isEqualTo(cat.id());
      }
      assertThat(Live.events(danPhone, 300)).isEmpty();
    }
    JsonObject seen = group(g, cat);
    assertThat(list(seen, "members")).containsExactly(ann.id(), ben.id(), cat.id());
    assertThat(list(seen, "invited")).isEmpty();
    assertThat(seen.getJsonArray("memberProfiles").getJsonObject(2).getString("username")).isEqualTo(cat.username());
    assertThat(inChat(g, cat)).isTrue();
    assertThat(invitationGroups(cat)).isEmpty();
    assertThat(api.post("/groups/" + g.id() + "/accept", cat.accessToken(), null).errorCode()).isEqualTo("group.already_member");
  }

  @Test
  void adminsInviteExistingNonMembersOnceEach() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    TestGroup g = groups.withMembers(ann, ben);
    String invite = "/groups/" + g.id() + "/invite";
    assertThat(api.post(invite, ann.accessToken(), new JsonObject().put("userIds", new JsonArray())).status()).isEqualTo(400);
    assertThat(api.post(invite, ann.accessToken(), new JsonObject()).status()).isEqualTo(400);
    assertThat(api.post(invite, ann.accessToken(), new JsonObject().put("userIds", new JsonArray().add(ben.id()))).errorCode())
      .isEqualTo("group.already_member");
    assertThat(api.post(invite, ann.accessToken(), new JsonObject().put("userIds",
      new JsonArray().add(cat.id()).add("0123456789abcdef01234567"))).errorCode()).isEqualTo("user.not_found");
    assertThat(invitationGroups(cat)).as("nothing half-done").isEmpty();

    try (BridgeClient catPhone = Live.device(stack, cat)) {
      Response first = api.post(invite, ann.accessToken(), new JsonObject().put("userIds", new JsonArray().add(cat.id())));
      assertThat(first.status()).as("%s", first).isEqualTo(200);
      assertThat(list(first.json(), "invited")).containsExactly(cat.id());
      catPhone.awaitEvent("group.invite", d -> g.id().equals(d.getString("groupId")));
      Response again = api.post(invite, ann.accessToken(), new JsonObject().put("userIds", new JsonArray().add(cat.id())));
      assertThat(again.status()).isEqualTo(200);
      assertThat(list(again.json(), "invited")).containsExactly(cat.id());
      assertThat(Live.events(catPhone, 300).stream().filter(e -> "group.invite".equals(e.getString("type"))))
        .as("invited once, told once").hasSize(1);
    }
    assertThat(invitationGroups(cat)).containsExactly(g.id());
  }

  @Test
  void myGroupsAreListedPageByPage() {
    TestUser ann = users.create("ann");
    List<String> made = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(groups.withMembers(ann).id());
    }
    Response first = api.get("/groups?limit=2", ann.accessToken());
    assertThat(first.items()).hasSize(2);
    assertThat(first.json().getBoolean("hasMore")).isTrue();
    String last = first.items().getJsonObject(1).getString("id");
    Response second = api.get("/groups?limit=2&after=" + last, ann.accessToken());
    assertThat(second.json().getBoolean("hasMore")).isFalse();
    List<String> all = new java.util.ArrayList<>();
    first.items().forEach(o -> all.add(((JsonObject) o).getString("id")));
    second.items().forEach(o -> all.add(((JsonObject) o).getString("id")));
    assertThat(all).containsExactlyInAnyOrderElementsOf(made).isSorted();
    assertThat(api.get("/groups?after=nope", ann.accessToken()).status()).isEqualTo(400);
  }

  @Test
  void declinedInvitationsCannotBeAcceptedLater() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String id = create(ann, "Book club", ben).json().getJsonObject("group").getString("id");
    assertThat(api.post("/groups/" + id + "/reject", ben.accessToken(), null).status()).isEqualTo(204);
    assertThat(invitationGroups(ben)).isEmpty();
    Response late = api.post("/groups/" + id + "/accept", ben.accessToken(), null);
    assertThat(late.status()).isEqualTo(404);
    assertThat(late.errorCode()).isEqualTo("group.not_invited");
    assertThat(list(api.get("/groups/" + id, ann.accessToken()).json(), "invited")).isEmpty();
    assertThat(list(api.get("/groups/" + id, ann.accessToken()).json(), "members")).containsExactly(ann.id());
  }

  @Test
  void outsidersCannotReadOrJoinAGroup() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser eve = users.create("eve");
    TestGroup g = groups.withMembers(ann);
    create(ann, "other", ben);
    Response read = api.get("/groups/" + g.id(), eve.accessToken());
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.errorCode()).isEqualTo("group.not_member");
    Response join = api.post("/groups/" + g.id() + "/accept", eve.accessToken(), null);
    assertThat(join.status()).isEqualTo(404);
    assertThat(join.errorCode()).isEqualTo("group.not_invited");
    assertThat(api.post("/groups/" + g.id() + "/reject", eve.accessToken(), null).status()).isEqualTo(404);
    assertThat(api.post("/groups/" + g.id() + "/leave", eve.accessToken(), null).status()).isEqualTo(403);
    assertThat(api.get("/groups/0123456789abcdef01234567", ann.accessToken()).errorCode()).isEqualTo("group.not_found");
    assertThat(api.get("/groups/nope", ann.accessToken()).status()).isEqualTo(400);
    assertThat(list(group(g, ann), "members")).containsExactly(ann.id());
    assertThat(inChat(g, eve)).isFalse();
  }

  @Test
  void onlyAdminsManageTheGroup() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    TestUser eve = users.create("eve");
    TestGroup g = groups.withMembers(ann, ben, cat);
    String base = "/groups/" + g.id();
    JsonObject before = group(g, ann);
    for (TestUser notAdmin : List.of(ben, eve)) {
      String expected = notAdmin == ben ? "group.not_admin" : "group.not_member";
      List<Response> tries = List.of(
        api.patch(base, notAdmin.accessToken(), new JsonObject().put("name", "mine now")),
        api.post(base + "/invite", notAdmin.accessToken(), new JsonObject().put("userIds", new JsonArray().add(eve.id()))),
        api.delete(base + "/members/" + cat.id(), notAdmin.accessToken()),
        api.post(base + "/admins/" + cat.id(), notAdmin.accessToken(), null),
        api.delete(base + "/admins/" + ann.id(), notAdmin.accessToken()),
        api.delete(base, notAdmin.accessToken()));
      for (Response r : tries) {
        assertThat(r.status()).as("%s", r).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(expected);
      }
    }
    JsonObject after = group(g, ann);
    for (String field : List.of("name", "members", "admins", "invited")) {
      assertThat(after.getValue(field)).as(field).isEqualTo(before.getValue(field));
    }
    assertThat(invitationGroups(eve)).isEmpty();
  }

  @Test
  void adminsRenamePromoteDemoteAndRemoveMembers() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    TestGroup g = groups.withMembers(ann, ben, cat);
    String base = "/groups/" + g.id();
    try (BridgeClient benPhone = Live.device(stack, ben); BridgeClient danPhone = Live.device(stack, dan)) {
      Response renamed = api.patch(base, ann.accessToken(), new JsonObject().put("name", "Climbers"));
      assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
      assertThat(renamed.json().getString("name")).isEqualTo("Climbers");
      benPhone.awaitEvent("group.updated", d -> "Climbers".equals(d.getString("name")));
      assertThat(Live.events(danPhone, 200)).isEmpty();
    }
    assertThat(api.patch(base, ann.accessToken(), new JsonObject().put("name", "")).status()).isEqualTo(400);

    assertThat(list(api.post(base + "/admins/" + ben.id(), ann.accessToken(), null).json(), "admins"))
      .containsExactly(ann.id(), ben.id());
    assertThat(list(api.patch(base, ben.accessToken(), new JsonObject().put("name", "By Ben")).json(), "members"))
      .as("a promoted member can act as admin").hasSize(3);
    assertThat(list(api.delete(base + "/admins/" + ben.id(), ann.accessToken()).json(), "admins")).containsExactly(ann.id());
    assertThat(api.post(base + "/admins/" + dan.id(), ann.accessToken(), null).errorCode()).isEqualTo("group.member_not_found");

    try (BridgeClient catPhone = Live.device(stack, cat); BridgeClient benPhone = Live.device(stack, ben)) {
      Response removed = api.delete(base + "/members/" + cat.id(), ann.accessToken());
      assertThat(removed.status()).as("%s", removed).isEqualTo(200);
      assertThat(list(removed.json(), "members")).containsExactly(ann.id(), ben.id());
      for (BridgeClient device : List.of(catPhone, benPhone)) {
        JsonObject left = device.awaitEvent("group.member_left", d -> g.id().equals(d.getString("groupId")));
        assertThat(left.getJsonObject("data").getString("userId")).isEqualTo(cat.id());
        assertThat(left.getJsonObject("data").getString("removedBy")).isEqualTo(ann.id());
      }
    }
    assertThat(inChat(g, cat)).isFalse();
    assertThat(api.get(base, cat.accessToken()).status()).isEqualTo(403);
    assertThat(api.delete(base + "/members/" + cat.id(), ann.accessToken()).errorCode()).isEqualTo("group.member_not_found");
    assertThat(api.delete(base + "/members/" + ann.id(), ann.accessToken()).status()).as("leave instead").isEqualTo(400);
  }

  @Test
  void theOnlyAdminCannotDemoteThemselfWhileOthersAreMembers() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestGroup g = groups.withMembers(ann, ben);
    Response refused = api.delete("/groups/" + g.id() + "/admins/" + ann.id(), ann.accessToken());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("group.last_admin");
    assertThat(list(group(g, ann), "admins")).containsExactly(ann.id());
    api.post("/groups/" + g.id() + "/admins/" + ben.id(), ann.accessToken(), null);
    Response allowed = api.delete("/groups/" + g.id() + "/admins/" + ann.id(), ann.accessToken());
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(list(allowed.json(), "admins")).containsExactly(ben.id());
  }

  @Test
  void theLastAdminLeavingHandsAdminToTheLongestStandingMember() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    TestGroup g = groups.withMembers(ann, ben, cat);
    try (BridgeClient catPhone = Live.device(stack, cat); BridgeClient annPhone = Live.device(stack, ann)) {
      assertThat(api.post("/groups/" + g.id() + "/leave", ann.accessToken(), null).status()).isEqualTo(204);
      for (BridgeClient device : List.of(catPhone, annPhone)) {
        JsonObject left = device.awaitEvent("group.member_left", d -> ann.id().equals(d.getString("userId")));
        assertThat(left.getJsonObject("data").getJsonObject("group").getJsonArray("admins").getList()).containsExactly(ben.id());
      }
    }
    JsonObject after = group(g, ben);
    assertThat(list(after, "members")).containsExactly(ben.id(), cat.id());
    assertThat(list(after, "admins")).containsExactly(ben.id());
    assertThat(inChat(g, ann)).isFalse();
    assertThat(api.get("/groups", ann.accessToken()).items()).isEmpty();
    assertThat(api.post("/groups/" + g.id() + "/leave", cat.accessToken(), null).status()).isEqualTo(204);
    assertThat(list(group(g, ben), "admins")).containsExactly(ben.id());
  }

  @Test
  void theLastMemberLeavingDeletesTheGroupAndItsChat() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    JsonObject created = create(ann, "Solo", ben).json();
    TestGroup g = new TestGroup(created.getJsonObject("group").getString("id"), created.getString("chatId"));
    try (BridgeClient benPhone = Live.device(stack, ben)) {
      assertThat(api.post("/groups/" + g.id() + "/leave", ann.accessToken(), null).status()).isEqualTo(204);
      benPhone.awaitEvent("group.deleted", d -> g.id().equals(d.getString("groupId")));
    }
    assertThat(api.get("/groups/" + g.id(), ann.accessToken()).errorCode()).isEqualTo("group.not_found");
    assertThat(inChat(g, ann)).isFalse();
    assertThat(invitationGroups(ben)).as("its invitations went with it").isEmpty();
    assertThat(api.post("/groups/" + g.id() + "/accept", ben.accessToken(), null).errorCode()).isEqualTo("group.not_found");
  }

  @Test
  void anAdminDeletesTheGroupForEveryone() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestGroup g = groups.withMembers(ann, ben);
    try (BridgeClient benPhone = Live.device(stack, ben)) {
      assertThat(api.delete("/groups/" + g.id(), ann.accessToken()).status()).isEqualTo(204);
      benPhone.awaitEvent("group.deleted", d -> g.id().equals(d.getString("groupId")));
    }
    assertThat(api.get("/groups/" + g.id(), ben.accessToken()).status()).isEqualTo(404);
    assertThat(api.get("/groups", ben.accessToken()).items()).isEmpty();
    assertThat(inChat(g, ben)).isFalse();
  }

  @Test
  void twoConcurrentAcceptsOfOneInvitationMakeOneMembership() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String id = create(ann, "Race", ben).json().getJsonObject("group").getString("id");
    List<Integer> statuses = Concurrent.statuses(stack, List.of(
      Call.post("/groups/" + id + "/accept", ben.accessToken()),
      Call.post("/groups/" + id + "/accept", ben.accessToken()),
      Call.post("/groups/" + id + "/accept", ben.accessToken())));
    assertThat(statuses).containsExactly(200, 409, 409);
    assertThat(list(api.get("/groups/" + id, ann.accessToken()).json(), "members")).containsExactly(ann.id(), ben.id());
  }

  @Test
  void twoAdminsLeavingAtOnceStillLeaveAnAdmin() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    TestGroup g = groups.withMembers(ann, ben, cat);
    api.post("/groups/" + g.id() + "/admins/" + ben.id(), ann.accessToken(), null);
    List<Integer> statuses = Concurrent.statuses(stack, List.of(
      Call.post("/groups/" + g.id() + "/leave", ann.accessToken()),
      Call.post("/groups/" + g.id() + "/leave", ben.accessToken())));
    assertThat(statuses).containsExactly(204, 204);
    JsonObject after = group(g, cat);
    assertThat(list(after, "members")).containsExactly(cat.id());
    assertThat(list(after, "admins")).containsExactly(cat.id());
  }

  @Test
  void theLastTwoMembersLeavingAtOnceDeleteTheGroup() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestGroup g = groups.withMembers(ann, ben);
    List<Integer> statuses = Concurrent.statuses(stack, List.of(
      Call.post("/groups/" + g.id() + "/leave", ann.accessToken()),
      Call.post("/groups/" + g.id() + "/leave", ben.accessToken())));
    assertThat(statuses).containsExactly(204, 204);
    assertThat(api.get("/groups/" + g.id(), ann.accessToken()).status()).isEqualTo(404);
  }
}
