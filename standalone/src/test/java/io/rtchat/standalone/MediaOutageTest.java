package io.rtchat.standalone;

import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rtchat.standalone.support.MediaFiles.avatar;
import static org.assertj.core.api.Assertions.assertThat;

/** When S3 cannot be reached the server still starts, says it is not ready, and media calls answer 503, never 500. */
class MediaOutageTest extends StackPerClass {

  @Override
  protected Map<String, String> overrides() throws Exception {
    // Nothing listens on this port: every S3 call is refused.
    // The SDK retries a refused connection for a while; the gateway must wait for media-service's own answer
    // (media.unavailable) rather than answer its generic service.unavailable after SERVICE_CALL_TIMEOUT_MILLIS.
    return Map.of(Setting.S3_ENDPOINT.name(), "http://127.0.0.1:" + TestStack.freePort(),
      Setting.SERVICE_CALL_TIMEOUT_MILLIS.name(), "30000");
  }

  @Test
  void completingWhileS3IsDownAnswers503MediaUnavailable() {
    TestUser val = stack.users().create("val");
    Response slot = new MediaFiles(stack).slot(val.accessToken(), avatar("me.png", "image/png", 100));
    assertThat(slot.status()).isEqualTo(201);
    Response complete = api.post("/media/" + slot.json().getJsonObject("media").getString("id") + "/complete",
      val.accessToken(), null);
    assertThat(complete.status()).as(complete.toString()).isEqualTo(503);
    assertThat(complete.errorCode()).isEqualTo("media.unavailable");
  }

  @Test
  void readinessAndMetricsReportMediaServiceDown() {
    // standalone's one management server covers every service of the process: media-service's S3 is down
    Response ready = stack.management().get("/ready", null);
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.raw().toString()).contains(io.rtchat.api.MediaService.ADDRESS);
    // the gateway probes the services every 10 s; the first round runs at start-up
    String metrics = "";
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline && !metrics.contains("rtchat_service_up{service=\"auth-service\"} 1.0")) {
      metrics = stack.management().get("/metrics", null).raw().toString();
    }
    assertThat(metrics).contains("rtchat_service_up{service=\"media-service\"} 0.0")
      .contains("rtchat_service_up{service=\"auth-service\"} 1.0");
  }

  @Test
  void readinessIsNotServedOnThePublicPort() {
    assertThat(api.get("/ready", null).status()).isEqualTo(404);
    assertThat(api.get("/metrics", null).status()).isEqualTo(404);
  }
}
