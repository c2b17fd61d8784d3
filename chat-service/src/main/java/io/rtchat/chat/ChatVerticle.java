package io.rtchat.chat;

import io.rtchat.chat.group.GroupChatSync;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.chat.store.SummariesFlushedBeforeRead;
import io.rtchat.chat.store.ChatMigrations;
import io.rtchat.chat.store.ChatSummaryRepair;
import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.FriendService;
import io.rtchat.api.MediaService;
import io.rtchat.call.CallVerticle;
import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/**
 * Wires the chat service: config, Mongo and the stores, the proxies of the services it asks questions, the events
 * it tells, one object per use case, and the facade on {@value ChatService#ADDRESS}. The whole object graph is built
 * here; nothing below builds its own collaborators.
 */
public class ChatVerticle extends VerticleBase {

  private SummariesFlushedBeforeRead chats;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    int maxMessageBytes = config.getInt(Setting.MESSAGE_MAX_BYTES);
    MongoClient mongo = Mongo.client(vertx, config);
    chats = new SummariesFlushedBeforeRead(mongo, vertx, config.getInt(Setting.CHAT_SUMMARY_WINDOW_MILLIS));
    MessageStore messages = new MessageStore(mongo);
    ChatEvents events = new ChatEvents(vertx.eventBus());
    ChatAccess access = new ChatAccess(chats, messages);
    ChatStateCache cache = new ChatStateCache(chats::byId).listen(vertx.eventBus());
    SendBatcher<MessageBatchWriter.Send, MessageBatchWriter.Stored> batcher = new SendBatcher<>(vertx,
      new MessageBatchWriter(chats, messages, events, cache, new SeqHints()),
      config.getInt(Setting.MESSAGE_BATCH_WINDOW_MILLIS), config.getInt(Setting.MESSAGE_BATCH_MAX),
      SendMessage.SEQ_ATTEMPTS, () -> Errors.exception(ErrorCode.UNAVAILABLE, "The chat is too busy right now; send again"));
    SendMessage sending = new SendMessage(cache, messages, MediaService.createProxy(vertx), batcher, maxMessageBytes);
    ChatService service = new ChatServiceImpl(mongo, new ChatServiceImpl.UseCases(
      new GroupChatSync(chats, messages, events),
      new ParticipantQueries(chats, messages),
      new OpenDirectChat(chats, events, FriendService.createProxy(vertx)),
      new ListChats(chats),
      new SearchChats(chats, AuthService.createProxy(vertx)),
      new GetChat(access),
      new PinChat(chats, events),
      sending,
      new MarkRead(chats, messages, access, events),
      new EditMessage(chats, messages, access, events, maxMessageBytes),
      new DeleteMessage(chats, messages, access, events),
      new StarMessage(messages, access),
      new SignalTyping(access, events, new TypingThrottle()),
      new ReadHistory(messages, access),
      new SearchMessages(chats, messages, access),
      new AssistantChats(chats, cache, sending, events)));
    return chats.createIndexes()
      .compose(v -> new ChatMigrations(mongo).run())
      .compose(v -> messages.createIndexes())
      .compose(v -> new ChatSummaryRepair(chats, messages).run())
      .compose(v -> new ServiceBinder(vertx).setAddress(ChatService.ADDRESS).register(ChatService.class, service).completion())
      // calls live beside chats, in their own package and verticle (undeployed with this one)
      .compose(v -> vertx.deployVerticle(new CallVerticle(), new DeploymentOptions().setConfig(config())));
  }

  /** The summaries still waiting are written before the store goes. */
  @Override
  public Future<?> stop() {
    return chats == null ? Future.succeededFuture() : chats.flushSummaries();
  }
}
