package io.rtchat.chat;

import io.rtchat.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The send path's chats in memory: loaded once, kept by own writes, dropped when membership changes anywhere. */
class ChatStateCacheTest {

  private final Map<String, JsonObject> store = new HashMap<>();
  private final ChatStateCache cache = new ChatStateCache(id -> Future.succeededFuture(store.get(id) == null ? null : store.get(id).copy()));

  private void storeChat(String id, String... participants) {
    store.put(id, new JsonObject().put("_id", id).put("participants", new JsonArray(java.util.List.of(participants)))
      .put("lastSeq", 0L).put("readSeq", new JsonObject()));
  }

  @Test
  void aChatIsReadFromTheStoreOnceAndThenServedFromMemory() {
    storeChat("c1", "ann", "bob");

    assertThat(cache.chatFor("c1", "ann").result()).isNotNull();
    assertThat(cache.chatFor("c1", "bob").result()).isNotNull();
    assertThat(cache.loads()).isEqualTo(1);
  }

  @Test
  void aStrangerGetsNothingAndAMissingChatIsNotRemembered() {
    storeChat("c1", "ann", "bob");

    assertThat(cache.chatFor("c1", "eve").result()).isNull();
    assertThat(cache.chatFor("nope", "ann").result()).isNull();
    storeChat("nope", "ann");
    assertThat(cache.chatFor("nope", "ann").result()).isNotNull();
  }

  @Test
  void ownSendsMoveLastSeqAndTheSendersReadPointerWithoutAReload() {
    storeChat("c1", "ann", "bob");
    cache.chat("c1");

    cache.recorded("c1", 5, new JsonObject().put("seq", 5), Map.of("ann", 5L));
    cache.recorded("c1", 3, new JsonObject().put("seq", 3), Map.of("ann", 3L)); // never back
    JsonObject chat = cache.chat("c1").result();

    assertThat(chat.getLong("lastSeq")).isEqualTo(5L);
    assertThat(chat.getJsonObject("lastMessage").getLong("seq")).isEqualTo(5L);
    assertThat(ChatViews.readSeq(chat, "ann")).isEqualTo(5L);
    assertThat(cache.loads()).isEqualTo(1);
  }

  @Test
  void aMembershipChangeAnnouncedOnTheBusMakesTheNextSendReadTheChatAgain() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      storeChat("c1", "ann", "bob");
      ChatStateCache listening = new ChatStateCache(id -> Future.succeededFuture(store.get(id).copy())).listen(vertx.eventBus());
      ChatEvents events = new ChatEvents(vertx.eventBus());
      assertThat(listening.chatFor("c1", "bob").result()).isNotNull();

      storeChat("c1", "ann"); // bob left the group
      Promise<Void> heard = Promise.promise();
      vertx.eventBus().consumer(Addresses.CHAT_STATE_CHANGED, msg -> heard.tryComplete());
      events.chatStateChanged("c1");
      heard.future().await(10, TimeUnit.SECONDS);
      Thread.sleep(50); // both consumers run on the same bus; give the cache's its turn

      assertThat(listening.chatFor("c1", "bob").result()).isNull();
      assertThat(listening.loads()).isEqualTo(2);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLoadThatRacesAnInvalidationIsNotKept() {
    storeChat("c1", "ann", "bob");
    Promise<JsonObject> slow = Promise.promise();
    ChatStateCache racing = new ChatStateCache(id -> slow.future());

    Future<JsonObject> first = racing.chat("c1");
    racing.invalidate("c1"); // the chat changed while it was being read
    slow.complete(store.get("c1"));

    assertThat(first.result()).isNotNull();
    racing.chat("c1");
    assertThat(racing.loads()).isEqualTo(2);
  }

  @Test
  void concurrentFirstUsesShareOneRead() {
    Promise<JsonObject> slow = Promise.promise();
    ChatStateCache sharing = new ChatStateCache(id -> slow.future());

    Future<JsonObject> a = sharing.chat("c1");
    Future<JsonObject> b = sharing.chat("c1");
    storeChat("c1", "ann");
    slow.complete(store.get("c1"));

    assertThat(a.result()).isSameAs(b.result());
    assertThat(sharing.loads()).isEqualTo(1);
  }

  @Test
  void theCacheIsBoundedAndTheLeastRecentlyUsedChatGoesFirst() {
    storeChat("kept", "ann");
    cache.chat("kept");
    for (int i = 0; i < ChatStateCache.MAX_CHATS; i++) {
      if (i == ChatStateCache.MAX_CHATS / 2) {
        cache.chat("kept");
      }
      storeChat("c" + i, "ann");
      cache.chat("c" + i);
    }
    int loads = cache.loads();
    cache.chat("kept");
    assertThat(cache.loads()).isEqualTo(loads);
    cache.chat("c0");
    assertThat(cache.loads()).isEqualTo(loads + 1);
  }
}
