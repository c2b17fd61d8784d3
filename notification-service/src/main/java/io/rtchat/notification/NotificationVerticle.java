package io.rtchat.notification;

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
 * Wires the notification service: config, Mongo and its indexes, the mailer (SMTP or outbox, with retries and a
 * dead-letter folder), presence with its lease sweep, the digest job, and its proxy.
 */
public class NotificationVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    Path outbox = config.dataDir().resolve("outbox");
    Mailer delivery = config.isSet(Setting.SMTP_HOST)
      ? new SmtpMailer(vertx, config)
      : new OutboxMailer(vertx, outbox);
    Mailer mailer = new RetryingMailer(vertx, delivery, config.getInt(Setting.MAIL_RETRY_ATTEMPTS),
      config.getInt(Setting.MAIL_RETRY_DELAY_MILLIS), new OutboxMailer(vertx, outbox.resolve("failed")));
    NotificationStore notifications = new NotificationStore(mongo);
    PresenceStore presenceStore = new PresenceStore(mongo);
    PresenceTracker presence = new PresenceTracker(vertx, presenceStore,
      Duration.ofMillis(config.getInt(Setting.PRESENCE_GRACE_MILLIS)),
      Duration.ofSeconds(config.getInt(Setting.PRESENCE_LEASE_SECONDS)));
    DigestJob digest = new DigestJob(vertx, notifications, presence, mailer,
      Duration.ofSeconds(config.getInt(Setting.DIGEST_INTERVAL_SECONDS)),
      Duration.ofSeconds(config.getInt(Setting.DIGEST_OFFLINE_SECONDS)), config.get(Setting.PUBLIC_URL));
    NotificationService service = new NotificationServiceImpl(vertx, mongo, mailer, notifications, presence);
    return notifications.createIndexes()
      .compose(v -> presenceStore.createIndexes())
      .compose(v -> new ServiceBinder(vertx).setAddress(NotificationService.ADDRESS)
        .register(NotificationService.class, service).completion())
      .compose(v -> new MessageStoredListener(vertx.eventBus(), service).register())
      .onSuccess(v -> {
        presence.start();
        digest.start();
      });
  }
}
