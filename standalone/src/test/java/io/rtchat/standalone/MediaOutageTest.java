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
    return Map.of(Setting.S3_ENDPOINT.name(), "http://127.0.0.1:" + TestStack.freePort());
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
  void readinessReportsMediaServiceDown() {
    Response ready = api.get("/ready", null);
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.raw().toString()).contains("media-service");
  }
}
