package io.rtchat.notification;

import io.rtchat.common.Dates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Mails that failed for good, kept in MongoDB (collection {@code dead_letters}) rather than on a pod's ephemeral
 * disk: an operator can list and resend them after fixing SMTP. They may hold a verification code or a reset link,
 * so they expire after {@link #KEEP_DAYS} days (a TTL index).
 */
public class MongoDeadLetters implements Mailer {

  public static final String COLLECTION = "dead_letters";
  static final long KEEP_DAYS = 7;
  private static final Logger log = LoggerFactory.getLogger(MongoDeadLetters.class);

  private final MongoClient mongo;

  public MongoDeadLetters(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("failedAt", 1),
        new IndexOptions().expireAfter(KEEP_DAYS * 24 * 3600, TimeUnit.SECONDS))
      .recover(err -> {
        // an embedded dev database may not support TTL indexes; a real MongoDB does
        log.warn("no TTL index on {} error={}", COLLECTION, err.toString());
        return Future.succeededFuture();
      });
  }

  @Override
  public Future<Void> send(Mail mail) {
    JsonObject doc = new JsonObject().put("to", mail.to()).put("subject", mail.subject()).put("text", mail.text())
      .put("failedAt", Dates.now());
    return mongo.insert(COLLECTION, doc)
      .onSuccess(id -> log.info("failed mail kept collection={} id={} to={}", COLLECTION, id, mail.to()))
      .mapEmpty();
  }
}
