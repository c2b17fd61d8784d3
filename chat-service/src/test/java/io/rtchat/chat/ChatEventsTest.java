package io.rtchat.chat;

import io.rtchat.api.MediaReleased;
import io.rtchat.api.MessageStored;
import io.rtchat.common.Addresses;
import io.rtchat.common.EncodedEvent;
import io.rtchat.common.InboxFanout;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Who hears what from chat-service, on a local event bus. */
class ChatEventsTest {

  private Vertx vertx;
  private ChatEvents events;
  private final Map<String, List<JsonObject>> inboxes = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    EncodedEvent.register(vertx.eventBus());
    events = new ChatEvents(vertx.eventBus());
    for (String user : List.of("ann", "bob", "cy", "dee")) {
      inboxes.put(user, new CopyOnWriteArrayList<>());
    }
    // What a gateway does with the one fan-out message per event: hand the event to each recipient's sockets.
    vertx.eventBus().<InboxFanout>consumer(Addresses.INBOX_FANOUT, msg -> msg.body().userIds()
      .forEach(user -> inboxes.get(user).add(msg.body().event().toJson())));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static JsonObject chat() {
    return new JsonObject().put("_id", "c1").put("participants", new JsonArray().add("ann").add("bob").add("cy"));
  }

  private static JsonObject message() {
    return new JsonObject().put("_id", "m1").put("chatId", "c1").put("seq", 1L).put("sender", "ann")
      .put("type", "text").put("content", "hi");
  }

  @Test
  void aStoredMessageIsHandledByOneNotificationInstanceNotByEach() throws Exception {
    List<MessageStored> first = new CopyOnWriteArrayList<>();
    List<MessageStored> second = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.CHAT_MESSAGE_STORED, msg -> first.add(new MessageStored(msg.body())));
    vertx.eventBus().<JsonObject>consumer(Addresses.CHAT_MESSAGE_STORED, msg -> second.add(new MessageStored(msg.body())));

    events.messageStored(chat(), message());
    events.messageStored(chat(), message().put("_id", "m2").put("seq", 2L));

    waitUntil(() -> first.size() + second.size() == 2);
    Thread.sleep(200); // nothing more arrives: each event was handled once
    assertThat(first.size() + second.size()).isEqualTo(2);
    MessageStored one = first.isEmpty() ? second.get(0) : first.get(0);
    assertThat(one.getRecipientIds()).containsExactly("bob", "cy");
  }

  @Test
  void aMessageInAChatWithNobodyElseTellsNoOne() throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.CHAT_MESSAGE_STORED, msg -> received.add(msg.body()));
    JsonObject alone = new JsonObject().put("_id", "c1").put("participants", new JsonArray().add("ann"));

    events.messageStored(alone, message());

    Thread.sleep(200);
    assertThat(received).isEmpty();
  }

  @Test
  void aNewMessageReachesEveryParticipantTheSenderIncluded() throws Exception {
    events.messageNew(chat(), message());

    waitUntil(() -> List.of("ann", "bob", "cy").stream().allMatch(u -> inboxes.get(u).size() == 1));
    assertThat(inboxes.get("bob").get(0).getString("type")).isEqualTo("message.new");
    assertThat(inboxes.get("bob").get(0).getJsonObject("data").getString("id")).isEqualTo("m1");
    assertThat(inboxes.get("dee")).isEmpty();
  }

  @Test
  void typingReachesTheOthersButNotTheTypist() throws Exception {
    events.typing(chat(), "ann");

    waitUntil(() -> inboxes.get("bob").size() == 1 && inboxes.get("cy").size() == 1);
    Thread.sleep(100);
    assertThat(inboxes.get("ann")).isEmpty();
    assertThat(inboxes.get("bob").get(0).getJsonObject("data")).isEqualTo(new JsonObject().put("chatId", "c1").put("userId", "ann"));
  }

  @Test
  void aMemberWhoLeftHearsOfTheChangeAndAPinOnlyReachesItsOwner() throws Exception {
    events.chatChanged(chat(), "dee");
    events.pinChanged("bob", new JsonObject().put("id", "c1").put("pinned", true));

    waitUntil(() -> inboxes.get("dee").size() == 1 && inboxes.get("bob").size() == 2);
    Thread.sleep(100);
    assertThat(inboxes.get("ann")).hasSize(1);
    assertThat(inboxes.get("dee").get(0).getString("type")).isEqualTo("chat.updated");
  }

  @Test
  void aDeletedMessagesAttachmentsAreReleasedToOneMediaInstance() throws Exception {
    List<MediaReleased> first = new CopyOnWriteArrayList<>();
    List<MediaReleased> second = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.MEDIA_RELEASED, msg -> first.add(new MediaReleased(msg.body())));
    vertx.eventBus().<JsonObject>consumer(Addresses.MEDIA_RELEASED, msg -> second.add(new MediaReleased(msg.body())));

    events.attachmentsReleased(new JsonArray().add(new JsonObject().put("id", "d1")).add(new JsonObject().put("id", "d2")));
    events.attachmentsReleased(new JsonArray()); // a message without attachments releases nothing

    waitUntil(() -> first.size() + second.size() == 1);
    Thread.sleep(200);
    assertThat(first.size() + second.size()).isEqualTo(1);
    MediaReleased released = first.isEmpty() ? second.get(0) : first.get(0);
    assertThat(released.getMediaIds()).containsExactly("d1", "d2");
    assertThat(released.getChatId()).isNull();
  }

  @Test
  void aDeletedGroupChatReleasesItsAttachmentsByChat() throws Exception {
    List<MediaReleased> heard = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.MEDIA_RELEASED, msg -> heard.add(new MediaReleased(msg.body())));
    events.chatMediaReleased("c1");
    waitUntil(() -> heard.size() == 1);
    assertThat(heard.get(0).getChatId()).isEqualTo("c1");
    assertThat(heard.get(0).getMediaIds()).isEmpty();
  }
}
