package io.rtchat.notification;

import io.rtchat.api.AuthService;
import io.rtchat.common.Ids;
import io.rtchat.common.MailText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The unread-messages digest: every interval, users who have been offline at least the threshold and have unread
 * message notifications (whose latest message is at least that old) not yet in a digest get one mail listing them.
 * The notifications are claimed for the batch before the mail is built, so each goes into one digest only; a new
 * message in that chat makes it due again. The address comes from auth-service, never from its collection.
 */
public class DigestJob {

  /** Characters of a message shown per chat: a digest lists, it does not replace reading the chat. */
  private static final int PREVIEW_MAX = 200;
  private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

  private final Vertx vertx;
  private final NotificationStore store;
  private final PresenceTracker presence;
  private final Mailer mailer;
  private final AuthService auth;
  private final Duration interval;
  private final Duration offlineFor;
  private final String publicUrl;

  public DigestJob(Vertx vertx, NotificationStore store, PresenceTracker presence, Mailer mailer, AuthService auth,
                   Duration interval, Duration offlineFor, String publicUrl) {
    this.vertx = vertx;
    this.store = store;
    this.presence = presence;
    this.mailer = mailer;
    this.auth = auth;
    this.interval = interval;
    this.offlineFor = offlineFor;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** Starts the periodic job, unless the interval is zero (digests off). */
  public void start() {
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    vertx.setPeriodic(interval.toMillis(), t -> run()
      .onFailure(err -> log.warn("digest run failed cause={}", err.toString())));
  }

  Future<Void> run() {
    Instant cutoff = Instant.now().minus(offlineFor);
    String batchId = Ids.newId();
    return store.usersWithUndigested(cutoff).compose(userIds -> Future.join(userIds.stream()
        .map(userId -> digestFor(userId, cutoff, batchId)
          .onFailure(err -> log.warn("digest failed userId={} cause={}", userId, err.toString())))
        .toList()))
      .recover(err -> Future.succeededFuture())
      .mapEmpty();
  }

  private Future<Void> digestFor(String userId, Instant cutoff, String batchId) {
    return presence.offlineSince(userId, cutoff).compose(offline -> !offline
      ? Future.succeededFuture()
      : store.claimForDigest(userId, cutoff, batchId).compose(claimed -> claimed.isEmpty()
        ? Future.succeededFuture()
        : auth.contactFor(userId).compose(contact -> mailer.send(mail(contact, claimed)))
          .onSuccess(v -> log.info("digest sent userId={} chats={}", userId, claimed.size()))));
  }

  private Mail mail(JsonObject contact, List<JsonObject> notifications) {
    int messages = notifications.stream().mapToInt(n -> n.getInteger("count", 1)).sum();
    StringBuilder text = new StringBuilder("Hello ").append(MailText.name(contact.getString("firstName"))).append(",\n\n")
      .append("you have ").append(messages).append(messages == 1 ? " unread message" : " unread messages")
      .append(" in ").append(notifications.size()).append(notifications.size() == 1 ? " chat" : " chats")
      .append(" on rtchat:\n\n");
    for (JsonObject n : notifications) {
      text.append("- ").append(n.getInteger("count", 1)).append(" new: ")
        .append(MailText.line(n.getString("content"), PREVIEW_MAX)).append('\n');
    }
    text.append("\nRead them at ").append(publicUrl).append("\n");
    String subject = "You have " + messages + (messages == 1 ? " unread message" : " unread messages") + " on rtchat";
    return new Mail(contact.getString("email"), subject, text.toString());
  }
}
