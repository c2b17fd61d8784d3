package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.ImageBombs;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpResponse;

import static io.rtchat.standalone.support.MediaFiles.attachment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images whose headers declare more than media-service decodes (issue 22, finding 3): a few hundred bytes or KB that
 * would need hundreds of MB to decode. Each is refused by its header before any pixel is decoded, the refusal is
 * recorded on the media, the file still downloads as uploaded, and the service goes on making other thumbnails.
 */
class MediaBombTest extends StackPerClass {

  private MediaFiles media;
  private TestUser amy;
  private TestUser ben;
  private String chatId;

  @BeforeAll
  void startClients() {
    media = new MediaFiles(stack);
    amy = users.create("amy");
    ben = users.create("ben");
    chatId = media.chatOf(amy, ben);
  }

  /** The media's {@code thumbnail} record once the worker has decided, read through the metadata route. */
  private JsonObject awaitThumbnailOutcome(String mediaId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      Response meta = api.get("/media/" + mediaId + "/meta", ben.accessToken());
      assertThat(meta.status()).as("%s", meta).isEqualTo(200);
      JsonObject thumbnail = meta.json().getJsonObject("thumbnail");
      if (thumbnail != null) {
        return thumbnail;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no thumbnail outcome recorded for " + mediaId);
  }

  /** Uploads the bomb, then checks the refusal is recorded and the bytes still download unchanged. */
  private JsonObject uploadBomb(String name, String type, byte[] bomb) throws InterruptedException {
    JsonObject ready = media.upload(amy.accessToken(), attachment(chatId, name, type, bomb.length), bomb);
    assertThat(ready.getString("status")).isEqualTo("ready");
    JsonObject outcome = awaitThumbnailOutcome(ready.getString("id"));
    assertThat(outcome.getString("status")).as("%s", outcome).isEqualTo("failed");
    for (String variant : new String[] {"original", "thumbnail"}) {
      Response redirect = api.get("/media/" + ready.getString("id") + "?variant=" + variant, ben.accessToken());
      assertThat(redirect.status()).as("%s %s", variant, redirect).isEqualTo(302);
      assertThat(MediaFiles.get(redirect.header("Location")).body()).as("the %s is the file as uploaded", variant)
        .isEqualTo(bomb);
    }
    return outcome;
  }

  private void anotherImageStillGetsItsThumbnail() throws InterruptedException {
    byte[] photo = MediaFiles.image(1280, 960, "jpeg");
    JsonObject ready = media.upload(amy.accessToken(), attachment(chatId, "photo.jpg", "image/jpeg", photo.length), photo);
    assertThat(awaitThumbnailOutcome(ready.getString("id")).getString("status")).isEqualTo("ready");
    URI thumb = URI.create(ready.getString("thumbnailUrl"));
    Response redirect = api.get(thumb.getRawPath() + "?" + thumb.getRawQuery(), ben.accessToken());
    HttpResponse<byte[]> small = MediaFiles.get(redirect.header("Location"));
    BufferedImage image = MediaFiles.decode(small.body());
    assertThat(image.getWidth()).isEqualTo(320);
  }

  @Test
  void aPngOneRowOfFiftyMillionPixelsIsRefusedByItsHeaderAndServedAsAFile() throws Exception {
    byte[] bomb = ImageBombs.png(50_000_000, 1);
    assertThat(bomb.length).as("a small file").isLessThan(400_000);
    JsonObject outcome = uploadBomb("wide.png", "image/png", bomb);
    // Only the header check words its refusal so: the decode was never started.
    assertThat(outcome.getString("reason")).startsWith("image too large: 50000000 x 1 px");
    anotherImageStillGetsItsThumbnail();
  }

  @Test
  void aPngOneColumnOfFiftyMillionPixelsIsRefusedToo() throws Exception {
    JsonObject outcome = uploadBomb("tall.png", "image/png", ImageBombs.png(1, 50_000_000));
    assertThat(outcome.getString("reason")).startsWith("image too large: 1 x 50000000 px");
  }

  @Test
  void aPngWithinEachSideButOverThePixelLimitIsRefused() throws Exception {
    JsonObject outcome = uploadBomb("square.png", "image/png", ImageBombs.png(12_000, 12_000));
    assertThat(outcome.getString("reason")).startsWith("image too large: 144000000 px");
  }

  @Test
  void aGifDeclaringAHugeImageIsRefusedByItsHeader() throws Exception {
    byte[] bomb = ImageBombs.gif(65_535, 700);
    assertThat(bomb.length).isLessThan(100);
    JsonObject outcome = uploadBomb("huge.gif", "image/gif", bomb);
    assertThat(outcome.getString("reason")).startsWith("image too large: 65535 x 700 px");
    anotherImageStillGetsItsThumbnail();
  }

  @Test
  void aJpegDeclaringAHugeFrameIsRefusedByItsHeader() throws Exception {
    JsonObject outcome = uploadBomb("huge.jpg", "image/jpeg", ImageBombs.jpeg(65_000, 700));
    assertThat(outcome.getString("reason")).startsWith("image too large: 65000 x 700 px");
    anotherImageStillGetsItsThumbnail();
  }

  @Test
  void aWebpIsStoredAsAFileWithoutDecoding() throws Exception {
    JsonObject outcome = uploadBomb("huge.webp", "image/webp", ImageBombs.webp(16_000_000, 16_000_000));
    boolean readable = ImageIO.getImageReadersByMIMEType("image/webp").hasNext();
    assertThat(outcome.getString("reason"))
      .as("the JDK has no WebP reader, so nothing decodes it; with one, its header is checked")
      .startsWith(readable ? "image too large" : "unsupported image format");
    anotherImageStillGetsItsThumbnail();
  }
}
