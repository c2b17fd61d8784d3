package io.rtchat.notification;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.FriendService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Wires the notification service, the whole object graph here: config, Mongo and its indexes, the mailer (SMTP or
 * outbox, with retries and dead letters in MongoDB), presence with its lease sweep, the digest job, the recorder of
 * notifications with the listeners of other services' internal events, and its proxy.
 */
public class NotificationVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    AuthService auth = AuthService.createProxy(vertx);
    NotificationEvents events = new NotificationEvents(vertx.eventBus());

    Path outbox = config.dataDir().resolve("outbox");
    MongoDeadLetters deadLetters = new MongoDeadLetters(mongo);
    Mailer delivery = config.isSet(Setting.SMTP_HOST)
      ? new SmtpMailer(vertx, config)
      : new OutboxMailer(vertx, outbox);
    Mailer mailer = new RetryingMailer(vertx, delivery, config.getInt(Setting.MAIL_RETRY_ATTEMPTS),
      config.getInt(Setting.MAIL_RETRY_DELAY_MILLIS), deadLetters);

    NotificationStore notifications = new NotificationStore(mongo);
    PresenceStore presenceStore = new PresenceStore(mongo);
    PresenceTracker presence = new PresenceTracker(vertx, presenceStore,
      Duration.ofMillis(config.getInt(Setting.PRESENCE_GRACE_MILLIS)),
      Duration.ofSeconds(config.getInt(Setting.PRESENCE_LEASE_SECONDS)),
      auth, FriendService.createProxy(vertx), ChatService.createProxy(vertx), events);
    DigestJob digest = new DigestJob(vertx, notifications, presence, mailer, auth,
      Duration.ofSeconds(config.getInt(Setting.DIGEST_INTERVAL_SECONDS)),
      Duration.ofSeconds(config.getInt(Setting.DIGEST_OFFLINE_SECONDS)), config.get(Setting.PUBLIC_URL));
    PresenceView view = new PresenceView();
    PresenceViewFeed viewFeed = new PresenceViewFeed(vertx, presenceStore, view,
      Duration.ofSeconds(config.getInt(Setting.PRESENCE_VIEW_REFRESH_SECONDS)));
    MessageStoredListener messages = new MessageStoredListener(vertx, view, notifications, events,
      config.getInt(Setting.NOTIFY_BATCH_WINDOW_MILLIS), config.getInt(Setting.NOTIFY_BATCH_MAX));
    RecordNotifications recorder = new RecordNotifications(notifications, presence, events);
    NotificationService service = new NotificationServiceImpl(mongo, mailer, notifications, presence, recorder);

    return notifications.createIndexes()
      .compose(v -> deadLetters.createIndexes())
      .compose(v -> presenceStore.createIndexes())
      // the view of who is online is loaded before any message event is taken
      .compose(v -> viewFeed.start())
      // internal events of other services, each listener registered before the service answers
      .compose(v -> new SocialEventsListener(vertx.eventBus(), recorder).register())
      .compose(v -> new ServiceBinder(vertx).setAddress(NotificationService.ADDRESS)
        .register(NotificationService.class, service).completion())
      .compose(v -> messages.register())
      .onSuccess(v -> {
        presence.start();
        digest.start();
      });
  }
}
