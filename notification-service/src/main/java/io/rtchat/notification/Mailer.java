package io.rtchat.notification;

import io.vertx.core.Future;

/** Hands a mail to whatever delivers it. */
public interface Mailer {

  Future<Void> send(Mail mail);
}
