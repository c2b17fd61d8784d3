package io.rtchat.notification;

import io.rtchat.common.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a failed delivery with exponential backoff, logging every failure; a mail that fails for good is logged
 * with its recipient and subject and kept by the dead-letter mailer (MongoDB dead_letters), never lost silently.
 */
public class RetryingMailer implements Mailer {

  private static final Logger log = LoggerFactory.getLogger(RetryingMailer.class);

  private final Vertx vertx;
  private final Mailer delegate;
  private final int attempts;
  private final long firstDelayMs;
  private final Mailer deadLetters;

  public RetryingMailer(Vertx vertx, Mailer delegate, int attempts, long firstDelayMs, Mailer deadLetters) {
    this.vertx = vertx;
    this.delegate = delegate;
    this.attempts = Math.max(1, attempts);
    this.firstDelayMs = firstDelayMs;
    this.deadLetters = deadLetters;
  }

  @Override
  public Future<Void> send(Mail mail) {
    return attempt(mail, 1).andThen(ar -> Metrics.count(ar.succeeded() ? "rtchat_mails_sent" : "rtchat_mails_failed",
      ar.succeeded() ? "Mails delivered (after retries)" : "Mails that failed for good (kept in dead_letters)"));
  }

  private Future<Void> attempt(Mail mail, int n) {
    return delegate.send(mail).recover(err -> {
      if (n >= attempts) {
        log.error("mail delivery failed for good to={} subject=\"{}\" attempts={}", mail.to(), mail.subject(), n, err);
        return deadLetters.send(mail)
          .onFailure(e -> log.error("failed mail could not be kept to={} subject=\"{}\"", mail.to(), mail.subject(), e))
          .transform(kept -> Future.<Void>failedFuture(err));
      }
      long delay = firstDelayMs << (n - 1);
      log.warn("mail delivery failed, retrying to={} attempt={} inMs={} cause={}", mail.to(), n, delay, err.toString());
      Promise<Void> later = Promise.promise();
      vertx.setTimer(delay, t -> attempt(mail, n + 1).onComplete(later));
      return later.future();
    });
  }
}
