package io.rtchat.notification;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers through an SMTP server with vertx-mail-client. */
public class SmtpMailer implements Mailer {

  private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

  private final MailClient client;
  private final String from;

  public SmtpMailer(Vertx vertx, Config config) {
    MailConfig mailConfig = new MailConfig()
      .setHostname(config.get(Setting.SMTP_HOST))
      .setPort(config.getInt(Setting.SMTP_PORT))
      .setSsl(config.getBoolean(Setting.SMTP_SSL))
      .setStarttls(StartTLSOptions.valueOf(config.get(Setting.SMTP_STARTTLS).toUpperCase()));
    if (config.isSet(Setting.SMTP_USERNAME)) {
      mailConfig.setUsername(config.get(Setting.SMTP_USERNAME))
        .setPassword(config.get(Setting.SMTP_PASSWORD))
        .setLogin(LoginOption.REQUIRED);
    } else {
      mailConfig.setLogin(LoginOption.DISABLED);
    }
    this.client = MailClient.createShared(vertx, mailConfig, "rtchat-smtp");
    this.from = config.get(Setting.SMTP_FROM);
  }

  @Override
  public Future<Void> send(Mail mail) {
    MailMessage message = new MailMessage().setFrom(from).setTo(mail.to()).setSubject(mail.subject()).setText(mail.text());
    return client.sendMail(message)
      .onSuccess(r -> log.info("mail sent over SMTP to={} subject=\"{}\"", mail.to(), mail.subject()))
      .mapEmpty();
  }
}
