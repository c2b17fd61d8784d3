package io.rtchat.standalone;

import io.rtchat.api.NotificationService;
import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An SMTP server that refuses connections: every mail is retried, then kept in MongoDB (dead_letters), not on the pod's disk. */
class MailFailureTest extends StackPerClass {

  @Override
  protected Map<String, String> overrides() throws Exception {
    // A port nothing listens on: every SMTP connection is refused.
    return Map.of("SMTP_PORT", String.valueOf(TestStack.freePort()),
      "MAIL_RETRY_ATTEMPTS", "3", "MAIL_RETRY_DELAY_MILLIS", "50");
  }

  @Test
  void aVerificationMailThatCannotBeDeliveredIsKept() throws Exception {
    String name = Users.unique("pam");
    ApiClient.Response reg = api.post("/auth/register", null, stack.users().registrationBody(name));
    assertThat(reg.status()).isEqualTo(201);
    String kept = awaitFailedMailTo(name + "@example.test");
    assertThat(kept).contains("Subject: Your rtchat verification code").containsPattern("\\b\\d{6}\\b");
  }

  @Test
  void aFailedSendFailsTheCallerAfterTheRetriesAndKeepsTheMail() throws Exception {
    NotificationService notifications = NotificationService.createProxy(stack.vertx);
    JsonObject mail = new JsonObject().put("to", "quy@example.test").put("subject", "Undeliverable").put("text", "body text");
    assertThatThrownBy(() -> notifications.sendEmail(mail).await()).isNotNull();
    assertThat(awaitFailedMailTo("quy@example.test")).contains("Subject: Undeliverable").contains("body text");
  }

  private String awaitFailedMailTo(String email) throws Exception {
    MongoClient mongo = MongoClient.create(stack.vertx, new JsonObject()
      .put("connection_string", stack.config.get(Setting.MONGO_URI)).put("db_name", stack.config.get(Setting.MONGO_DB)));
    try {
      long deadline = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < deadline) {
        List<JsonObject> kept = mongo.find("dead_letters", new JsonObject().put("to", email)).await();
        if (!kept.isEmpty()) {
          JsonObject mail = kept.get(0);
          assertThat(mail.getValue("failedAt")).isNotNull();
          return "Subject: " + mail.getString("subject") + "\n" + mail.getString("text");
        }
        Thread.sleep(25);
      }
    } finally {
      mongo.close();
    }
    throw new AssertionError("no failed mail kept for " + email + " in MongoDB dead_letters");
  }

  @Test
  void failedMailsAreNotWrittenToThePodsDisk() throws Exception {
    NotificationService notifications = NotificationService.createProxy(stack.vertx);
    JsonObject mail = new JsonObject().put("to", "rex@example.test").put("subject", "Nowhere").put("text", "x");
    assertThatThrownBy(() -> notifications.sendEmail(mail).await()).isNotNull();
    awaitFailedMailTo("rex@example.test");
    assertThat(stack.dataDir.resolve("outbox").resolve("failed")).doesNotExist();
  }
}
