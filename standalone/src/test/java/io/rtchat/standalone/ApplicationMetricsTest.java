package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port's /metrics moves with what users do: a send over the bridge (stored messages, the send's
 * latency, MongoDB inserts), a call start, a mail (the registration code), and S3 calls (media-service checks its
 * bucket). Read as Prometheus text, exactly as a scraper would.
 */
class ApplicationMetricsTest extends StackPerClass {

  @Test
  void sendsCallsMailsAndStorageShowOnTheMetricsPort() {
    String before = scrape();
    TestUser ann = users.create("metann");
    TestUser bob = users.create("metbob");
    String chatId = chats.direct(ann, bob);
    try (BridgeClient phone = stack.bridge()) {
      JsonObject reply = phone.awaitReply(phone.send(Addresses.CLIENT_CHAT_SEND,
        Chats.text("metrics-1", "counted").put("chatId", chatId), ann.accessToken()));
      assertThat(reply.getJsonObject("body").getLong("seq")).as("%s", reply).isEqualTo(1L);
    }
    Response call = api.post("/calls", ann.accessToken(), new JsonObject().put("chatId", chatId).put("type", "audio"));
    assertThat(call.status()).as("start %s", call).isEqualTo(201);

    String after = awaitScrape(m -> value(m, "rtchat_calls_started_total{type=\"audio\"}") >= value(before, "rtchat_calls_started_total{type=\"audio\"}") + 1
      && value(m, "rtchat_mails_sent_total") >= value(before, "rtchat_mails_sent_total") + 2
      && value(m, "rtchat_chat_send_seconds_count") >= value(before, "rtchat_chat_send_seconds_count") + 1);
    assertThat(value(after, "rtchat_messages_stored_total")).isGreaterThanOrEqualTo(value(before, "rtchat_messages_stored_total") + 1);
    assertThat(value(after, "rtchat_mongo_command_seconds_count{command=\"insert\",outcome=\"success\"}"))
      .isGreaterThan(value(before, "rtchat_mongo_command_seconds_count{command=\"insert\",outcome=\"success\"}"));
    assertThat(after).contains("rtchat_chat_send_seconds_bucket{le=\"0.1\"}")
      .contains("rtchat_mongo_command_seconds_bucket{command=\"find\",outcome=\"success\",le=\"0.01\"}");
    assertThat(value(after, "rtchat_s3_request_seconds_count{operation=\"HeadBucket\",outcome=\"success\"}")).isPositive();
    assertThat(after).contains("rtchat_bridge_sockets_open").contains("rtchat_bridge_users_authenticated");
  }

  @Test
  void theMetricsAreNotOnThePublicPort() {
    assertThat(api.get("/metrics", null).status()).isEqualTo(404);
  }

  private String scrape() {
    Response metrics = stack.management().get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    return metrics.raw().toString();
  }

  private String awaitScrape(Predicate<String> moved) {
    long deadline = System.currentTimeMillis() + 20_000;
    String metrics = scrape();
    while (!moved.test(metrics) && System.currentTimeMillis() < deadline) {
      sleep(200);
      metrics = scrape();
    }
    assertThat(moved.test(metrics)).as("metrics did not move within 20 s:%n%s", rtchatLines(metrics)).isTrue();
    return metrics;
  }

  /** The sample of the series named exactly (with its labels as Prometheus prints them), 0 when absent. */
  private static double value(String metrics, String series) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  private static String rtchatLines(String metrics) {
    return String.join("\n", metrics.lines().filter(l -> l.startsWith("rtchat_")).toList());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
