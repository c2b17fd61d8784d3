package io.rtchat.standalone;

import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.URI;
import java.util.Map;

import static io.rtchat.standalone.support.MediaFiles.avatar;
import static org.assertj.core.api.Assertions.assertThat;

/** Upload slots that are never completed expire: a periodic sweep deletes the record and the stored object. */
class MediaExpiryTest extends StackPerClass {

  S3AsyncClient s3;

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
      Setting.MEDIA_UPLOAD_TTL_SECONDS.name(), "2",
      Setting.MEDIA_SWEEP_INTERVAL_SECONDS.name(), "1");
  }

  @BeforeAll
  void startClients() {
    s3 = S3AsyncClient.builder()
      .endpointOverride(URI.create(stack.config.get(Setting.S3_ENDPOINT)))
      .region(Region.of(stack.config.get(Setting.S3_REGION)))
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
        stack.config.get(Setting.S3_ACCESS_KEY), stack.config.get(Setting.S3_SECRET_KEY))))
      .forcePathStyle(true)
      .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
      .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
      .build();
  }

  @AfterAll
  void stopClients() {
    s3.close();
  }

  private boolean stored(String key) {
    String bucket = stack.config.get(Setting.S3_BUCKET);
    return Future.fromCompletionStage(s3.headObject(b -> b.bucket(bucket).key(key)))
      .map(found -> true)
      .recover(err -> err instanceof NoSuchKeyException || err.getCause() instanceof NoSuchKeyException
        || String.valueOf(err.getMessage()).contains("404") ? Future.succeededFuture(false) : Future.failedFuture(err))
      .await();
  }

  @Test
  void pendingSlotsExpireAndTheSweepDeletesThemWithTheirObjects() throws Exception {
    TestUser una = stack.users().create("una");
    byte[] png = MediaFiles.image(10, 10, "png");
    Response slot = new MediaFiles(stack).slot(una.accessToken(), avatar("late.png", "image/png", png.length));
    String mediaId = slot.json().getJsonObject("media").getString("id");
    String key = "uploads/" + mediaId;
    // Stored directly through the S3 API: the presigned PUT itself lives only as long as the (short) slot.
    String bucket = stack.config.get(Setting.S3_BUCKET);
    Future.fromCompletionStage(s3.putObject(b -> b.bucket(bucket).key(key).contentType("image/png"),
      AsyncRequestBody.fromBytes(png))).await();
    assertThat(stored(key)).isTrue();

    long deadline = System.currentTimeMillis() + 20_000;
    while (api.get("/media/" + mediaId + "/meta", una.accessToken()).status() != 404 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(api.get("/media/" + mediaId + "/meta", una.accessToken()).errorCode()).isEqualTo("media.not_found");
    assertThat(stored(key)).isFalse();
    assertThat(api.post("/media/" + mediaId + "/complete", una.accessToken(), null).status()).isEqualTo(404);
  }
}
