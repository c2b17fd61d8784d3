package io.rtchat.standalone;

import io.rtchat.api.NotificationService;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An SMTP server that refuses connections: every mail is retried, then kept in DATA_DIR/outbox/failed. */
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
    Path failed = stack.dataDir.resolve("outbox").resolve("failed");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.isDirectory(failed)) {
        try (Stream<Path> files = Files.list(failed)) {
          for (Path file : files.toList()) {
            String text = Files.readString(file);
            if (text.startsWith("To: " + email + "\n")) {
              return text;
            }
          }
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no failed mail kept for " + email + " in " + failed);
  }
}
