package io.rtchat.notification;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retries a failed delivery with exponential backoff, logging every failure, so no mail is lost silently. */
public class RetryingMailer implements Mailer {

  private static final Logger log = LoggerFactory.getLogger(RetryingMailer.class);

  private final Vertx vertx;
  private final Mailer delegate;
  private final int attempts;
  private final long firstDelayMs;

  public RetryingMailer(Vertx vertx, Mailer delegate, int attempts, long firstDelayMs) {
    this.vertx = vertx;
    this.delegate = delegate;
    this.attempts = attempts;
    this.firstDelayMs = firstDelayMs;
  }

  @Override
  public Future<Void> send(Mail mail) {
    return attempt(mail, 1);
  }

  private Future<Void> attempt(Mail mail, int n) {
    return delegate.send(mail).recover(err -> {
      if (n >= attempts) {
        log.error("mail delivery failed for good to={} subject=\"{}\" attempts={}", mail.to(), mail.subject(), n, err);
        return Future.failedFuture(err);
      }
      long delay = firstDelayMs << (n - 1);
      log.warn("mail delivery failed, retrying to={} attempt={} inMs={} cause={}", mail.to(), n, delay, err.toString());
      Promise<Void> later = Promise.promise();
      vertx.setTimer(delay, t -> attempt(mail, n + 1).onComplete(later));
      return later.future();
    });
  }
}
