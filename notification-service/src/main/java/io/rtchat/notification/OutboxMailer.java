package io.rtchat.notification;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * The embedded default when no SMTP server is configured: one text file per mail under DATA_DIR/outbox, readable
 * as is (recipient, subject, body), so a developer can follow links and codes without a mail server.
 */
public class OutboxMailer implements Mailer {

  private static final Logger log = LoggerFactory.getLogger(OutboxMailer.class);

  private final Vertx vertx;
  private final Path outbox;

  public OutboxMailer(Vertx vertx, Path outbox) {
    this.vertx = vertx;
    this.outbox = outbox;
  }

  @Override
  public Future<Void> send(Mail mail) {
    String name = Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + ".txt";
    Path file = outbox.resolve(name);
    String content = "To: " + mail.to() + "\nSubject: " + mail.subject() + "\n\n" + mail.text() + "\n";
    // Mails carry codes and reset links: the files are readable by the server's user only.
    return vertx.fileSystem().mkdirs(outbox.toString(), "rwx------")
      .compose(v -> vertx.fileSystem().createFile(file.toString(), "rw-------"))
      .compose(v -> vertx.fileSystem().writeFile(file.toString(), Buffer.buffer(content)))
      .onSuccess(v -> log.info("mail written to outbox to={} subject=\"{}\" file={}", mail.to(), mail.subject(), file));
  }
}
