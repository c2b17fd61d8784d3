package io.rtchat.standalone.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Makes users the way a person does: register, read the code from the mail (GreenMail), verify. */
public final class Users {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Pattern OTP = Pattern.compile("\\b(\\d{6})\\b");
  public static final String PASSWORD = "correct horse battery";

  private final ApiClient api;
  private final GreenMail mail;

  Users(ApiClient api, GreenMail mail) {
    this.api = api;
    this.mail = mail;
  }

  /** A signed-in user: its id, tokens and e-mail. */
  public record TestUser(String id, String username, String email, String accessToken, String refreshToken) {
  }

  public static String unique(String prefix) {
    return prefix + System.nanoTime() % 1_000_000 + "_" + COUNTER.incrementAndGet();
  }

  public JsonObject registrationBody(String name) {
    return new JsonObject()
      .put("firstName", "Test").put("lastName", name)
      .put("username", name).put("email", name + "@example.test")
      .put("password", PASSWORD).put("passwordConfirm", PASSWORD);
  }

  /** Registers, verifies with the mailed code, and returns the signed-in user. */
  public TestUser create(String prefix) {
    String name = unique(prefix);
    ApiClient.Response reg = api.post("/auth/register", null, registrationBody(name));
    assertThat(reg.status()).as("register %s", reg).isEqualTo(201);
    String email = name + "@example.test";
    ApiClient.Response verified = api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", awaitOtp(email)));
    assertThat(verified.status()).as("verify %s", verified).isEqualTo(200);
    JsonObject session = verified.json();
    return new TestUser(session.getJsonObject("user").getString("id"), name, email,
      session.getString("accessToken"), session.getString("refreshToken"));
  }

  /** The last mail to this address (waits for it). */
  public String awaitMailBody(String email, int count) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      MimeMessage[] all = mail.getReceivedMessagesForDomain(email);
      MimeMessage[] mine = Arrays.stream(all).filter(m -> recipient(m).equalsIgnoreCase(email)).toArray(MimeMessage[]::new);
      if (mine.length >= count) {
        return GreenMailUtil.getBody(mine[count - 1]);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no mail #" + count + " to " + email);
  }

  public int mailCount(String email) {
    return (int) Arrays.stream(mail.getReceivedMessagesForDomain(email)).filter(m -> recipient(m).equalsIgnoreCase(email)).count();
  }

  public String awaitOtp(String email) {
    return otpIn(awaitMailBody(email, 1));
  }

  public static String otpIn(String body) {
    Matcher m = OTP.matcher(body);
    assertThat(m.find()).as("a 6-digit code in %s", body).isTrue();
    return m.group(1);
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString().replaceAll(".*<|>.*", "");
    } catch (Exception e) {
      return "";
    }
  }

  /** Makes two users friends the way people do: {@code a} sends a friend request, {@code b} accepts it. */
  public void befriend(TestUser a, TestUser b) {
    ApiClient.Response sent = api.post("/friends/requests", a.accessToken(), new JsonObject().put("receiverId", b.id()));
    assertThat(sent.status()).as("friend request %s", sent).isEqualTo(201);
    ApiClient.Response accepted = api.post("/friends/requests/" + sent.json().getString("id") + "/accept", b.accessToken(), null);
    assertThat(accepted.status()).as("accept %s", accepted).isEqualTo(200);
  }
}
