package io.rtchat.notification;

import io.rtchat.api.NotificationService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/** Wires the notification service: config, Mongo, the mailer (SMTP or outbox), and its proxy. */
public class NotificationVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    Mailer delivery = config.isSet(Setting.SMTP_HOST)
      ? new SmtpMailer(vertx, config)
      : new OutboxMailer(vertx, config.dataDir().resolve("outbox"));
    Mailer mailer = new RetryingMailer(vertx, delivery, 4, 500);
    NotificationService service = new NotificationServiceImpl(mongo, mailer);
    return new ServiceBinder(vertx).setAddress(NotificationService.ADDRESS)
      .register(NotificationService.class, service).completion();
  }
}
