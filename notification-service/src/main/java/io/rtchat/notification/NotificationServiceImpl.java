package io.rtchat.notification;

import io.rtchat.api.NotificationService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/** The rules of the notification service. */
public class NotificationServiceImpl implements NotificationService {

  private final MongoClient mongo;
  private final Mailer mailer;

  public NotificationServiceImpl(MongoClient mongo, Mailer mailer) {
    this.mongo = mongo;
    this.mailer = mailer;
  }

  @Override
  public Future<Void> sendEmail(JsonObject mail) {
    return Mail.from(mail).compose(mailer::send);
  }

  @Override
  public Future<Void> notifyUsers(java.util.List<String> userIds, JsonObject event) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
