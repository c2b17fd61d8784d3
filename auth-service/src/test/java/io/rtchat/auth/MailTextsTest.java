package io.rtchat.auth;

import io.rtchat.common.MailText;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailTextsTest {

  @Test
  void aNameCannotAddLinesToAMail() {
    JsonObject mail = MailTexts.verificationCode("ann@example.com", "Ann\r\nBcc: all@example.com\n\nClick here", "123456", 10);
    String greeting = mail.getString("text").lines().findFirst().orElseThrow();
    assertThat(greeting).isEqualTo("Hello Ann Bcc: all@example.com Click here,");
  }

  @Test
  void invisibleFormattingIsRemovedFromNames() {
    assertThat(MailText.name("Ann\u202Egnp.exe")).isEqualTo("Ann gnp.exe");
  }

  @Test
  void aMissingOrBlankNameReadsAsThere() {
    assertThat(MailText.name(null)).isEqualTo("there");
    assertThat(MailText.name(" \n\t ")).isEqualTo("there");
  }

  @Test
  void aLongNameIsCut() {
    assertThat(MailText.name("A".repeat(500))).hasSize(50);
  }

  @Test
  void theVerificationMailHoldsTheCodeAndItsLifetime() {
    JsonObject mail = MailTexts.verificationCode("ann@example.com", "Ann", "123456", 10);
    assertThat(mail.getString("to")).isEqualTo("ann@example.com");
    assertThat(mail.getString("subject")).isEqualTo("Your rtchat verification code");
    assertThat(mail.getString("text")).contains("123456").contains("expires in 10 minutes");
  }

  @Test
  void theResetMailLinksToThePublicUrl() {
    JsonObject mail = MailTexts.resetLink("ann@example.com", "Ann", "https://chat.example", "tok_abc", 30);
    assertThat(mail.getString("text")).contains("https://chat.example/reset-password?token=tok_abc")
      .contains("for 30 minutes");
  }

  @Test
  void theAccountExistsMailTellsTheOwnerNothingChanged() {
    JsonObject mail = MailTexts.accountExists("ann@example.com", "Ann", "https://chat.example");
    assertThat(mail.getString("text")).contains("https://chat.example/forgot-password").contains("nothing changed");
  }
}
