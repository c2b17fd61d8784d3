package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.FriendService;
import io.rtchat.api.GroupService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

import java.time.Duration;

/**
 * Wires the group service: config, Mongo and its indexes, the stores, the use cases, and the two proxies it serves,
 * {@value GroupService#ADDRESS} and {@value FriendService#ADDRESS}. The whole object graph is built here.
 */
public class GroupVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    EventBus bus = vertx.eventBus();
    AuthService auth = AuthService.createProxy(vertx);
    ChatService chats = ChatService.createProxy(vertx);

    GroupStore groups = new GroupStore(mongo);
    InvitationStore invitations = new InvitationStore(mongo);
    SocialStore social = new SocialStore(mongo);
    FriendEvents friendEvents = new FriendEvents(bus);
    GroupEvents groupEvents = new GroupEvents(bus);

    FriendQueries friendQueries = new FriendQueries(auth, invitations, social);
    FriendService friendService = new FriendServiceImpl(mongo, friendQueries,
      new SendFriendRequest(auth, invitations, social, friendEvents),
      new AnswerFriendRequest(auth, invitations, social, friendEvents),
      new Unfriend(social, friendEvents));

    InvitationSender inviter = new InvitationSender(auth, invitations, groupEvents);
    ChatSyncOutbox outbox = new ChatSyncOutbox(mongo);
    Duration retryAfter = Duration.ofMillis(config.getInt(Setting.GROUP_CHAT_RETRY_MILLIS));
    GroupChatFollower chatFollower = new GroupChatFollower(groups, outbox, chats, retryAfter);
    GroupReconciliation reconciliation = new GroupReconciliation(groups, chatFollower);
    GroupAftermath aftermath = new GroupAftermath(chatFollower, invitations, social, groupEvents);
    GroupService groupService = new GroupServiceImpl(mongo, new GroupServiceImpl.UseCases(
      new GroupQueries(auth, groups, invitations),
      new CreateGroup(chats, groups, social, inviter),
      new RenameGroup(chats, groups, groupEvents),
      new DeleteGroup(groups, chatFollower, aftermath),
      new InviteToGroup(groups, inviter, groupEvents),
      new AnswerGroupInvitation(chatFollower, groups, invitations, social, groupEvents),
      new LeaveGroup(groups, chatFollower, aftermath),
      new RemoveGroupMember(groups, chatFollower, aftermath),
      new ChangeGroupAdmins(groups, groupEvents)));

    ServiceBinder binder = new ServiceBinder(vertx);
    long reconcileEvery = config.getInt(Setting.GROUP_RECONCILE_INTERVAL_SECONDS) * 1000L;
    return invitations.createIndexes()
      .compose(v -> groups.createIndexes())
      .compose(v -> outbox.createIndexes())
      .compose(v -> binder.setAddress(FriendService.ADDRESS).register(FriendService.class, friendService).completion())
      .compose(v -> binder.setAddress(GroupService.ADDRESS).register(GroupService.class, groupService).completion())
      // Timers of a verticle end with it. The first reconciliation waits a little (a retry interval at most):
      // chat-service may be starting beside us (standalone, or a whole cluster starting at once).
      .onSuccess(v -> {
        vertx.setPeriodic(retryAfter.toMillis(), t -> chatFollower.retryDue());
        vertx.setPeriodic(Math.min(retryAfter.toMillis(), reconcileEvery), reconcileEvery, t -> reconciliation.run());
      });
  }
}
