package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Live delivery over real bridge frames: every device of every participant, nobody else; the chat commands. */
class ChatLiveTest extends StackPerClass {

  private boolean isEvent(JsonObject frame, String type) {
    return "rec".equals(frame.getString("type")) && frame.getJsonObject("body") != null
      && type.equals(frame.getJsonObject("body").getString("type"));
  }

  @Test
  void aMessageReachesEveryDeviceOfEveryParticipantAndNobodyElse() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser eve = users.create("eve");
    String chatId = chats.groupChat("live", ann, bob);
    try (BridgeClient annPhone = stack.bridge(); BridgeClient annLaptop = stack.bridge();
         BridgeClient bobPhone = stack.bridge(); BridgeClient bobLaptop = stack.bridge(); BridgeClient evePhone = stack.bridge()) {
      chats.listen(annPhone, ann);
      chats.listen(annLaptop, ann);
      chats.listen(bobPhone, bob);
      chats.listen(bobLaptop, bob);
      chats.listen(evePhone, eve);

      String reply = annPhone.send(Addresses.CLIENT_CHAT_SEND,
        Chats.text("bridge-1", "hello from the phone").put("chatId", chatId), ann.accessToken());
      JsonObject sent = annPhone.awaitReply(reply).getJsonObject("body");
      assertThat(sent.getLong("seq")).isEqualTo(1L);
      assertThat(sent.getString("sender")).isEqualTo(ann.id());

      for (BridgeClient device : List.of(annPhone, annLaptop, bobPhone, bobLaptop)) {
        JsonObject event = device.awaitEvent("message.new", d -> sent.getString("id").equals(d.getString("id")));
        assertThat(event.getJsonObject("data").getString("content")).isEqualTo("hello from the phone");
        assertThat(event.getJsonObject("data").getLong("seq")).isEqualTo(1L);
        // the sender's devices match it to their pending send; nobody else learns the sender's id for it
        assertThat(event.getJsonObject("data").getString("clientMsgId"))
          .isEqualTo(device == annPhone || device == annLaptop ? "bridge-1" : null);
      }
      assertThat(evePhone.settle(300)).noneMatch(f -> isEvent(f, "message.new"));
    }
  }

  @Test
  void aRetriedBridgeSendAnswersTheSameMessageAndIsDeliveredOnce() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("retry-live", ann, bob);
    try (BridgeClient annPhone = stack.bridge(); BridgeClient bobPhone = stack.bridge()) {
      chats.listen(annPhone, ann);
      chats.listen(bobPhone, bob);
      JsonObject body = Chats.text("bridge-retry", "once").put("chatId", chatId);
      JsonObject first = annPhone.awaitReply(annPhone.send(Addresses.CLIENT_CHAT_SEND, body, ann.accessToken())).getJsonObject("body");
      JsonObject second = annPhone.awaitReply(annPhone.send(Addresses.CLIENT_CHAT_SEND, body, ann.accessToken())).getJsonObject("body");
      assertThat(second.getString("id")).isEqualTo(first.getString("id"));
      assertThat(chats.history(bob, chatId, 0)).hasSize(1);
      bobPhone.awaitEvent("message.new", d -> first.getString("id").equals(d.getString("id")));
      assertThat(bobPhone.settle(300).stream().filter(f -> isEvent(f, "message.new"))).hasSize(1);
    }
  }

  @Test
  void bridgeCommandsOnAChatIAmNotInAreRefusedAsNotFound() {
    TestUser ann = users.create("ann");
    TestUser eve = users.create("eve");
    String chatId = chats.groupChat("closed", ann);
    try (BridgeClient annPhone = stack.bridge(); BridgeClient evePhone = stack.bridge()) {
      chats.listen(annPhone, ann);
      chats.listen(evePhone, eve);
      JsonObject refused = evePhone.awaitReply(evePhone.send(Addresses.CLIENT_CHAT_SEND,
        Chats.text("intrude", "hi").put("chatId", chatId), eve.accessToken()));
      assertThat(refused.getString("type")).isEqualTo("err");
      assertThat(refused.getInteger("failureCode")).isEqualTo(404);
      assertThat(refused.getString("message")).contains("chat.not_found");
      JsonObject readRefused = evePhone.awaitReply(evePhone.send(Addresses.CLIENT_CHAT_READ,
        new JsonObject().put("chatId", chatId).put("seq", 1), eve.accessToken()));
      assertThat(readRefused.getInteger("failureCode")).isEqualTo(404);
      JsonObject typingRefused = evePhone.awaitReply(evePhone.send(Addresses.CLIENT_CHAT_TYPING,
        new JsonObject().put("chatId", chatId), eve.accessToken()));
      assertThat(typingRefused.getInteger("failureCode")).isEqualTo(404);
      JsonObject badId = evePhone.awaitReply(evePhone.send(Addresses.CLIENT_CHAT_SEND,
        Chats.text("x").put("chatId", "nope"), eve.accessToken()));
      assertThat(badId.getInteger("failureCode")).isEqualTo(400);
      JsonObject numericId = evePhone.awaitReply(evePhone.send(Addresses.CLIENT_CHAT_TYPING,
        new JsonObject().put("chatId", 42), eve.accessToken()));
      assertThat(numericId.getInteger("failureCode")).isEqualTo(400);
      assertThat(annPhone.settle(300)).noneMatch(f -> isEvent(f, "message.new") || isEvent(f, "chat.typing"));
      assertThat(chats.history(ann, chatId, 0)).isEmpty();
    }
  }

  @Test
  void readingTellsTheOthersLiveAndClearsMyUnreadCount() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("receipts", ann, bob);
    chats.send(ann, chatId, "one");
    chats.send(ann, chatId, "two");
    assertThat(api.get("/chats/" + chatId, bob.accessToken()).json().getLong("unreadCount")).isEqualTo(2L);
    try (BridgeClient annPhone = stack.bridge(); BridgeClient bobPhone = stack.bridge()) {
      chats.listen(annPhone, ann);
      chats.listen(bobPhone, bob);
      JsonObject state = bobPhone.awaitReply(bobPhone.send(Addresses.CLIENT_CHAT_READ,
        new JsonObject().put("chatId", chatId).put("seq", 2), bob.accessToken())).getJsonObject("body");
      assertThat(state.getLong("unreadCount")).isZero();
      JsonObject read = annPhone.awaitEvent("message.read", d -> chatId.equals(d.getString("chatId"))).getJsonObject("data");
      assertThat(read.getString("userId")).isEqualTo(bob.id());
      assertThat(read.getLong("seq")).isEqualTo(2L);
    }
    assertThat(api.get("/chats/" + chatId, bob.accessToken()).json().getLong("unreadCount")).isZero();
    assertThat(chats.history(ann, chatId, 0)).allSatisfy(m -> assertThat(((JsonObject) m).getJsonArray("readBy")).contains(bob.id()));
  }

  @Test
  void typingReachesTheOthersOnceWithinTheThrottleWindowAndIsNotStored() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("typing", ann, bob);
    try (BridgeClient annPhone = stack.bridge(); BridgeClient bobPhone = stack.bridge()) {
      chats.listen(annPhone, ann);
      chats.listen(bobPhone, bob);
      for (int i = 0; i < 3; i++) {
        annPhone.awaitReply(annPhone.send(Addresses.CLIENT_CHAT_TYPING, new JsonObject().put("chatId", chatId), ann.accessToken()));
      }
      JsonObject typing = bobPhone.awaitEvent("chat.typing").getJsonObject("data");
      assertThat(typing.getString("userId")).isEqualTo(ann.id());
      assertThat(typing.getString("chatId")).isEqualTo(chatId);
      assertThat(bobPhone.settle(300).stream().filter(f -> isEvent(f, "chat.typing"))).hasSize(1);
      assertThat(annPhone.frames()).noneMatch(f -> isEvent(f, "chat.typing"));
    }
    assertThat(chats.history(bob, chatId, 0)).isEmpty();
  }

  @Test
  void editsAndDeletesArriveLive() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("changes", ann, bob);
    JsonObject message = chats.send(ann, chatId, "draft");
    String id = message.getString("id");
    try (BridgeClient bobPhone = stack.bridge()) {
      chats.listen(bobPhone, bob);
      assertThat(api.patch("/messages/" + id, ann.accessToken(), new JsonObject().put("content", "final")).status()).isEqualTo(200);
      JsonObject edited = bobPhone.awaitEvent("message.edited", d -> id.equals(d.getString("id"))).getJsonObject("data");
      assertThat(edited.getString("content")).isEqualTo("final");
      assertThat(edited.getString("editedAt")).isNotNull();
      assertThat(api.delete("/messages/" + id, ann.accessToken()).status()).isEqualTo(204);
      JsonObject deleted = bobPhone.awaitEvent("message.deleted", d -> id.equals(d.getString("id"))).getJsonObject("data");
      assertThat(deleted.getLong("seq")).isEqualTo(1L);
      assertThat(deleted.getBoolean("deleted")).isTrue();
    }
  }

  @Test
  void aCommandCannotAimItsReplyAtAnInbox() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("spoof", ann, bob);
    try (BridgeClient annPhone = stack.bridge(); BridgeClient bobPhone = stack.bridge()) {
      chats.listen(annPhone, ann);
      chats.listen(bobPhone, bob);
      annPhone.write(new JsonObject().put("type", "send").put("address", Addresses.CLIENT_CHAT_SEND)
        .put("body", Chats.text("spoof", "hi").put("chatId", chatId))
        .put("headers", new JsonObject().put("Authorization", "Bearer " + ann.accessToken()))
        .put("replyAddress", Addresses.inbox(bob.id())));
      assertThat(annPhone.await(f -> "err".equals(f.getString("type")))).isNotNull();
      assertThat(bobPhone.settle(300)).noneMatch(f -> isEvent(f, "message.new"));
      assertThat(chats.history(ann, chatId, 0)).isEmpty();
    }
  }

  @Test
  void openingADirectChatTellsBothSidesLive() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    users.befriend(ann, bob);
    try (BridgeClient bobPhone = stack.bridge()) {
      chats.listen(bobPhone, bob);
      String chatId = api.post("/chats", ann.accessToken(), new JsonObject().put("participantId", bob.id())).json().getString("id");
      JsonObject created = bobPhone.awaitEvent("chat.created", d -> chatId.equals(d.getString("id"))).getJsonObject("data");
      assertThat(created.getJsonArray("participants")).containsExactlyInAnyOrder(ann.id(), bob.id());
      assertThat(created.getLong("unreadCount")).isZero();
    }
  }
}
