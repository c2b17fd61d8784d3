package io.rtchat.standalone;

import io.rtchat.api.FriendService;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Concurrent;
import io.rtchat.standalone.support.Concurrent.Call;
import io.rtchat.standalone.support.Live;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Friend requests and friendships through the real REST routes, with the live events on the real bridge. */
class FriendsTest extends StackPerClass {

  private Response request(TestUser from, TestUser to, String content) {
    JsonObject body = new JsonObject().put("receiverId", to.id());
    if (content != null) {
      body.put("content", content);
    }
    return api.post("/friends/requests", from.accessToken(), body);
  }

  private List<String> ids(Response page) {
    assertThat(page.status()).as("%s", page).isEqualTo(200);
    return page.items().stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private List<String> friendsOf(TestUser user) {
    return ids(api.get("/friends", user.accessToken()));
  }

  private List<String> incoming(TestUser user) {
    return ids(api.get("/friends/requests?direction=incoming", user.accessToken()));
  }

  private List<String> outgoing(TestUser user) {
    return ids(api.get("/friends/requests?direction=outgoing", user.accessToken()));
  }

  @Test
  void aRequestReachesEveryDeviceOfTheReceiverAndNoOneElse() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    try (BridgeClient benPhone = Live.device(stack, ben); BridgeClient benLaptop = Live.device(stack, ben);
         BridgeClient catPhone = Live.device(stack, cat)) {
      Response sent = request(ann, ben, "hi, it's Ann");
      assertThat(sent.status()).as("%s", sent).isEqualTo(201);
      JsonObject invitation = sent.json();
      assertThat(invitation.getString("sender")).isEqualTo(ann.id());
      assertThat(invitation.getString("receiver")).isEqualTo(ben.id());
      assertThat(invitation.getString("status")).isEqualTo("pending");
      assertThat(invitation.getString("content")).isEqualTo("hi, it's Ann");
      assertThat(invitation.getString("kind")).isEqualTo("friend");
      assertThat(invitation.getString("createdAt")).isNotBlank();
      assertThat(invitation.getJsonObject("senderProfile").getString("username")).isEqualTo(ann.username());

      String id = invitation.getString("id");
      for (BridgeClient device : List.of(benPhone, benLaptop)) {
        JsonObject event = device.awaitEvent("friend_request.new", d -> id.equals(d.getString("id")));
        assertThat(event.getJsonObject("data").getString("sender")).isEqualTo(ann.id());
      }
      assertThat(Live.events(catPhone, 300)).isEmpty();
    }
    String id = outgoing(ann).get(0);
    assertThat(incoming(ben)).containsExactly(id);
    assertThat(outgoing(ann)).containsExactly(id);
    assertThat(incoming(ann)).isEmpty();
    assertThat(outgoing(ben)).isEmpty();
    assertThat(incoming(cat)).isEmpty();
  }

  @Test
  void acceptingMakesBothFriendsAndTellsTheSenderLive() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    String id = request(ann, ben, null).json().getString("id");
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient annLaptop = Live.device(stack, ann);
         BridgeClient catPhone = Live.device(stack, cat)) {
      Response accepted = api.post("/friends/requests/" + id + "/accept", ben.accessToken(), null);
      assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
      assertThat(accepted.json().getString("status")).isEqualTo("accepted");
      annPhone.awaitEvent("friend_request.accepted", d -> id.equals(d.getString("id")));
      annLaptop.awaitEvent("friend_request.accepted", d -> id.equals(d.getString("id")));
      assertThat(Live.events(catPhone, 300)).isEmpty();
    }
    assertThat(friendsOf(ann)).containsExactly(ben.id());
    assertThat(friendsOf(ben)).containsExactly(ann.id());
    assertThat(incoming(ben)).isEmpty();
    assertThat(outgoing(ann)).isEmpty();
    FriendService friends = FriendService.createProxy(stack.vertx);
    assertThat(friends.areFriends(ann.id(), ben.id()).await()).isTrue();
    assertThat(friends.areFriends(ben.id(), ann.id()).await()).isTrue();
    assertThat(friends.areFriends(ann.id(), cat.id()).await()).isFalse();
    assertThat(friends.friendIds(ann.id()).await().getList()).containsExactly(ben.id());
  }

  @Test
  void rejectingTellsTheSenderAndMakesNoFriendship() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String id = request(ann, ben, null).json().getString("id");
    try (BridgeClient annPhone = Live.device(stack, ann)) {
      Response rejected = api.post("/friends/requests/" + id + "/reject", ben.accessToken(), null);
      assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
      assertThat(rejected.json().getString("status")).isEqualTo("rejected");
      annPhone.awaitEvent("friend_request.rejected", d -> id.equals(d.getString("id")));
    }
    assertThat(friendsOf(ann)).isEmpty();
    assertThat(incoming(ben)).isEmpty();
    Response lateAccept = api.post("/friends/requests/" + id + "/accept", ben.accessToken(), null);
    assertThat(lateAccept.status()).isEqualTo(409);
    assertThat(lateAccept.errorCode()).isEqualTo("friend.request_not_pending");
    assertThat(friendsOf(ben)).isEmpty();
    assertThat(request(ann, ben, "second try").status()).as("a new request after a rejection").isEqualTo(201);
  }

  @Test
  void theSenderCancelsAndTheRequestIsGoneForBoth() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String id = request(ann, ben, null).json().getString("id");
    try (BridgeClient benPhone = Live.device(stack, ben)) {
      Response cancelled = api.delete("/friends/requests/" + id, ann.accessToken());
      assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(204);
      benPhone.awaitEvent("friend_request.cancelled", d -> id.equals(d.getString("id")));
    }
    assertThat(incoming(ben)).isEmpty();
    assertThat(outgoing(ann)).isEmpty();
    assertThat(api.post("/friends/requests/" + id + "/accept", ben.accessToken(), null).errorCode())
      .isEqualTo("friend.request_not_pending");
    assertThat(friendsOf(ben)).isEmpty();
  }

  @Test
  void noRequestToYourselfOrToAnUnknownUserOrWithABadId() {
    TestUser ann = users.create("ann");
    Response self = request(ann, ann, null);
    assertThat(self.status()).isEqualTo(400);
    assertThat(self.errorCode()).isEqualTo("friend.self");
    Response unknown = api.post("/friends/requests", ann.accessToken(), new JsonObject().put("receiverId", "0123456789abcdef01234567"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("user.not_found");
    Response badId = api.post("/friends/requests", ann.accessToken(), new JsonObject().put("receiverId", "nope"));
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.errorCode()).isEqualTo("request.invalid");
    Response tooLong = api.post("/friends/requests", ann.accessToken(), new JsonObject()
      .put("receiverId", users.create("ben").id()).put("content", "x".repeat(501)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(outgoing(ann)).isEmpty();
  }

  @Test
  void aSecondRequestWhileOneIsPendingEitherWayIsRefusedAndPointsToTheFirst() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String id = request(ann, ben, null).json().getString("id");

    Response again = request(ann, ben, "again");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("friend.request_exists");

    Response theirs = request(ben, ann, "me too");
    assertThat(theirs.status()).isEqualTo(409);
    assertThat(theirs.errorCode()).isEqualTo("friend.request_exists");
    assertThat(theirs.json().getJsonObject("error").getJsonObject("fields").getString("requestId")).isEqualTo(id);
    assertThat(theirs.json().getJsonObject("error").getJsonObject("fields").getString("direction")).isEqualTo("incoming");

    assertThat(friendsOf(ann)).as("nothing was accepted silently").isEmpty();
    assertThat(incoming(ben)).containsExactly(id);
    assertThat(incoming(ann)).isEmpty();
  }

  @Test
  void onlyTheReceiverAnswersAndOnlyTheSenderCancels() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser eve = users.create("eve");
    String id = request(ann, ben, null).json().getString("id");

    assertThat(api.post("/friends/requests/" + id + "/accept", ann.accessToken(), null).status()).isEqualTo(403);
    assertThat(api.post("/friends/requests/" + id + "/reject", ann.accessToken(), null).status()).isEqualTo(403);
    assertThat(api.delete("/friends/requests/" + id, ben.accessToken()).status()).isEqualTo(403);
    for (Response byEve : List.of(
      api.post("/friends/requests/" + id + "/accept", eve.accessToken(), null),
      api.post("/friends/requests/" + id + "/reject", eve.accessToken(), null),
      api.delete("/friends/requests/" + id, eve.accessToken()))) {
      assertThat(byEve.status()).isEqualTo(404);
      assertThat(byEve.errorCode()).isEqualTo("friend.request_not_found");
    }
    assertThat(api.post("/friends/requests/0123456789abcdef01234567/accept", ben.accessToken(), null).status()).isEqualTo(404);
    assertThat(api.post("/friends/requests/nope/accept", ben.accessToken(), null).status()).isEqualTo(400);

    assertThat(incoming(ben)).containsExactly(id);
    assertThat(friendsOf(ann)).isEmpty();
    assertThat(friendsOf(ben)).isEmpty();
    assertThat(friendsOf(eve)).isEmpty();
  }

  @Test
  void friendsCannotAskAgainAndUnfriendingTellsTheOtherSide() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    users.befriend(ann, ben);
    Response again = request(ben, ann, null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("friend.already_friends");

    try (BridgeClient benPhone = Live.device(stack, ben); BridgeClient catPhone = Live.device(stack, cat)) {
      assertThat(api.delete("/friends/" + ben.id(), ann.accessToken()).status()).isEqualTo(204);
      JsonObject event = benPhone.awaitEvent("friend.removed");
      assertThat(event.getJsonObject("data").getString("userId")).isEqualTo(ann.id());
      assertThat(Live.events(catPhone, 300)).isEmpty();
    }
    assertThat(friendsOf(ann)).isEmpty();
    assertThat(friendsOf(ben)).isEmpty();
    Response twice = api.delete("/friends/" + ben.id(), ann.accessToken());
    assertThat(twice.status()).isEqualTo(404);
    assertThat(twice.errorCode()).isEqualTo("friend.not_found");
    assertThat(api.delete("/friends/" + cat.id(), ann.accessToken()).status()).as("never friends").isEqualTo(404);
    assertThat(request(ben, ann, null).status()).as("a new request after unfriending").isEqualTo(201);
  }

  @Test
  void twoConcurrentAcceptsOfOneRequestSucceedOnce() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String path = "/friends/requests/" + request(ann, ben, null).json().getString("id") + "/accept";
    List<Integer> statuses = Concurrent.statuses(stack, List.of(
      Call.post(path, ben.accessToken()), Call.post(path, ben.accessToken()), Call.post(path, ben.accessToken())));
    assertThat(statuses).containsExactly(200, 409, 409);
    assertThat(friendsOf(ann)).containsExactly(ben.id());
    assertThat(friendsOf(ben)).containsExactly(ann.id());
  }

  @Test
  void twoUsersAskingEachOtherAtOnceGetOneRequest() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    List<Integer> statuses = Concurrent.statuses(stack, List.of(
      new Call(HttpMethod.POST, "/friends/requests", ann.accessToken(), new JsonObject().put("receiverId", ben.id())),
      new Call(HttpMethod.POST, "/friends/requests", ben.accessToken(), new JsonObject().put("receiverId", ann.id()))));
    assertThat(statuses).containsExactly(201, 409);
    assertThat(incoming(ann).size() + incoming(ben).size()).isEqualTo(1);
  }

  @Test
  void nonFriendsListsEveryoneButMeAndMyFriendsPageByPage() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    users.befriend(ann, ben);
    List<String> all = new java.util.ArrayList<>();
    String after = null;
    for (int page = 0; page < 100; page++) {
      Response r = api.get("/users/non-friends?limit=2" + (after == null ? "" : "&after=" + after), ann.accessToken());
      List<String> got = ids(r);
      assertThat(got.size()).isLessThanOrEqualTo(2);
      all.addAll(got);
      if (!r.json().getBoolean("hasMore")) {
        break;
      }
      after = got.get(got.size() - 1);
    }
    assertThat(all).contains(cat.id()).doesNotContain(ann.id(), ben.id()).doesNotHaveDuplicates();
    assertThat(all).isSorted();
    assertThat(api.get("/users/non-friends?after=nope", ann.accessToken()).status()).isEqualTo(400);
    assertThat(api.get("/users/non-friends", null).status()).isEqualTo(401);
  }

  @Test
  void friendsAreListedPageByPageWithPublicProfiles() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    users.befriend(ann, ben);
    users.befriend(cat, ann);
    users.befriend(ann, dan);
    Response first = api.get("/friends?limit=2", ann.accessToken());
    assertThat(ids(first)).hasSize(2);
    assertThat(first.json().getBoolean("hasMore")).isTrue();
    JsonObject profile = first.items().getJsonObject(0);
    assertThat(profile.getString("username")).isNotBlank();
    assertThat(profile.containsKey("email")).isFalse();
    Response second = api.get("/friends?limit=2&after=" + ids(first).get(1), ann.accessToken());
    assertThat(second.json().getBoolean("hasMore")).isFalse();
    List<String> all = new java.util.ArrayList<>(ids(first));
    all.addAll(ids(second));
    assertThat(all).containsExactlyInAnyOrder(ben.id(), cat.id(), dan.id()).isSorted();
  }
}
