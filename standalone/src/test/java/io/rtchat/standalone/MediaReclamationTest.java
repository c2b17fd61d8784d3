package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Groups;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.rtchat.standalone.support.MediaFiles.attachment;
import static io.rtchat.standalone.support.MediaFiles.avatar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What nothing uses is deleted from S3 and from its owner's quota: completed attachments never sent (or whose message
 * was deleted), replaced avatars, and objects a presigned PUT writes after {@code complete}. What is in use stays.
 * Short settings; every wait is on a condition, and "still there" is checked after a later upload (a witness) was
 * reclaimed, so the sweep has certainly looked.
 */
class MediaReclamationTest extends StackPerClass {

  private static final int GRACE_SECONDS = 8;
  private static final int UPLOAD_TTL_SECONDS = 15;
  private static final long QUOTA = 50_000;
  private static final long WAIT_MS = 120_000;

  S3AsyncClient s3;
  MediaFiles media;

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
      Setting.MEDIA_UNSENT_GRACE_SECONDS.name(), String.valueOf(GRACE_SECONDS),
      Setting.MEDIA_UPLOAD_TTL_SECONDS.name(), String.valueOf(UPLOAD_TTL_SECONDS),
      Setting.MEDIA_SWEEP_INTERVAL_SECONDS.name(), "1",
      Setting.MEDIA_QUOTA_BYTES.name(), String.valueOf(QUOTA));
  }

  @BeforeAll
  void startClients() {
    media = new MediaFiles(stack);
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

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waited for: " + what).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static String id(JsonObject media) {
    return media.getString("id");
  }

  private boolean gone(TestUser uploader, String mediaId) {
    return api.get("/media/" + mediaId + "/meta", uploader.accessToken()).status() == 404;
  }

  private byte[] downloaded(TestUser reader, String mediaId) {
    Response link = api.get("/media/" + mediaId + "?redirect=false", reader.accessToken());
    assertThat(link.status()).as(link.toString()).isEqualTo(200);
    return MediaFiles.get(link.json().getString("url")).body();
  }

  /** A file of exactly {@code size} bytes that starts like a PDF (files are checked by size only). */
  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) ' ');
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  private JsonObject sendWith(TestUser sender, String chatId, String clientMsgId, String type, String mediaId) {
    Response sent = api.post("/chats/" + chatId + "/messages", sender.accessToken(), new JsonObject()
      .put("clientMsgId", clientMsgId).put("type", type).put("content", "")
      .put("attachmentIds", new JsonArray(List.of(mediaId))));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    return sent.json();
  }

  /** An upload of the user's that nothing will use: once it is gone, the sweep has looked at everything due before it. */
  private void witnessReclaimed(TestUser user) throws InterruptedException {
    byte[] png = MediaFiles.image(8, 8, "png");
    JsonObject witness = media.upload(user.accessToken(), avatar("witness.png", "image/png", png.length), png);
    await("the witness upload is reclaimed", () -> gone(user, id(witness)));
  }

  @Test
  void anUnsentAttachmentIsDeletedWithItsObjectsAndGivesItsQuotaBack() throws Exception {
    TestUser ann = users.create("ann");
    String chatId = media.chatOf(ann);
    byte[] file = pdf(30_000);
    JsonObject document = media.upload(ann.accessToken(), attachment(chatId, "draft.pdf", "application/pdf", file.length), file);
    byte[] png = MediaFiles.image(400, 200, "png");
    JsonObject picture = media.upload(ann.accessToken(), attachment(chatId, "never-sent.png", "image/png", png.length), png);
    await("the picture's thumbnail is made", () -> stored("thumbnails/" + id(picture)));
    assertThat(stored("media/" + id(document))).isTrue();
    Response over = media.slot(ann.accessToken(), attachment(chatId, "more.pdf", "application/pdf", 30_000));
    assertThat(over.errorCode()).isEqualTo("media.quota_exceeded");

    await("the unsent document is reclaimed", () -> gone(ann, id(document)));
    await("the unsent picture is reclaimed", () -> gone(ann, id(picture)));
    assertThat(stored("media/" + id(document))).isFalse();
    assertThat(stored("media/" + id(picture))).isFalse();
    assertThat(stored("thumbnails/" + id(picture))).isFalse();
    assertThat(api.get("/media/" + id(document), ann.accessToken()).errorCode()).isEqualTo("media.not_found");
    // Too late to send it now, and the room it took is free again.
    Response late = api.post("/chats/" + chatId + "/messages", ann.accessToken(), new JsonObject()
      .put("clientMsgId", "late").put("type", "file").put("content", "")
      .put("attachmentIds", new JsonArray().add(id(document))));
    assertThat(late.errorCode()).isEqualTo("media.not_found");
    assertThat(media.slot(ann.accessToken(), attachment(chatId, "more.pdf", "application/pdf", 30_000)).status()).isEqualTo(201);
  }

  @Test
  void aSentAttachmentStaysAndStillDownloads() throws Exception {
    TestUser ben = users.create("ben");
    TestUser cy = users.create("cy");
    String chatId = media.chatOf(ben, cy);
    byte[] png = MediaFiles.image(64, 48, "png");
    JsonObject picture = media.upload(ben.accessToken(), attachment(chatId, "kept.png", "image/png", png.length), png);
    sendWith(ben, chatId, "kept-1", "image", id(picture));

    witnessReclaimed(ben);
    assertThat(gone(ben, id(picture))).isFalse();
    assertThat(stored("media/" + id(picture))).isTrue();
    assertThat(downloaded(cy, id(picture))).isEqualTo(png);
  }

  @Test
  void aDeletedMessagesAttachmentGoesOnceNoOtherMessageHoldsIt() throws Exception {
    TestUser dee = users.create("dee");
    TestUser eli = users.create("eli");
    String chatId = media.chatOf(dee, eli);
    byte[] png = MediaFiles.image(32, 32, "png");
    JsonObject picture = media.upload(dee.accessToken(), attachment(chatId, "twice.png", "image/png", png.length), png);
    JsonObject first = sendWith(dee, chatId, "twice-1", "image", id(picture));
    JsonObject second = sendWith(dee, chatId, "twice-2", "image", id(picture));

    // Eli cannot delete Dee's message; Dee deletes the first, and the second still holds the picture.
    assertThat(api.delete("/messages/" + first.getString("id"), eli.accessToken()).status()).isBetween(400, 404);
    assertThat(api.delete("/messages/" + first.getString("id"), dee.accessToken()).status()).isEqualTo(204);
    witnessReclaimed(dee);
    assertThat(downloaded(eli, id(picture))).isEqualTo(png);

    assertThat(api.delete("/messages/" + second.getString("id"), dee.accessToken()).status()).isEqualTo(204);
    await("the picture of the deleted messages is reclaimed", () -> gone(dee, id(picture)));
    assertThat(stored("media/" + id(picture))).isFalse();
  }

  @Test
  void theAttachmentsOfADeletedGroupGoWithIt() throws Exception {
    TestUser kim = users.create("kim");
    TestUser lou = users.create("lou");
    Groups.TestGroup group = stack.groups().withMembers(kim, lou);
    byte[] png = MediaFiles.image(20, 20, "png");
    JsonObject picture = media.upload(lou.accessToken(), attachment(group.chatId(), "group.png", "image/png", png.length), png);
    sendWith(lou, group.chatId(), "group-1", "image", id(picture));

    // Lou, a member, cannot delete the group; its owner does, and the picture sent there goes with it.
    assertThat(api.delete("/groups/" + group.id(), lou.accessToken()).status()).isEqualTo(403);
    assertThat(api.delete("/groups/" + group.id(), kim.accessToken()).status()).isEqualTo(204);
    await("the deleted group's picture is reclaimed", () -> gone(lou, id(picture)));
    assertThat(stored("media/" + id(picture))).isFalse();
  }

  @Test
  void aReplacedAvatarGoesAndTheCurrentOneStays() throws Exception {
    TestUser fay = users.create("fay");
    TestUser gus = users.create("gus");
    byte[] oldPng = MediaFiles.image(24, 24, "png");
    byte[] newPng = MediaFiles.image(48, 48, "png");
    JsonObject old = media.upload(fay.accessToken(), avatar("old.png", "image/png", oldPng.length), oldPng);
    assertThat(api.patch("/users/me", fay.accessToken(), new JsonObject().put("avatarMediaId", id(old))).status()).isEqualTo(200);
    JsonObject current = media.upload(fay.accessToken(), avatar("new.png", "image/png", newPng.length), newPng);
    // Gus can neither wear Fay's avatar nor thereby release anything of hers.
    Response stolen = api.patch("/users/me", gus.accessToken(), new JsonObject().put("avatarMediaId", id(current)));
    assertThat(stolen.errorCode()).isEqualTo("media.forbidden");
    assertThat(api.patch("/users/me", fay.accessToken(), new JsonObject().put("avatarMediaId", id(current))).status()).isEqualTo(200);

    await("the replaced avatar is reclaimed", () -> gone(fay, id(old)));
    assertThat(stored("media/" + id(old))).isFalse();
    witnessReclaimed(fay);
    assertThat(api.get("/users/me", fay.accessToken()).json().getString("avatarMediaId")).isEqualTo(id(current));
    assertThat(stored("media/" + id(current))).isTrue();
    assertThat(downloaded(gus, id(current))).isEqualTo(newPng);
  }

  @Test
  void aPutAfterCompleteLeavesAnObjectThatTheSweepDeletesOnceTheUrlExpired() throws Exception {
    TestUser hal = users.create("hal");
    String chatId = media.chatOf(hal);
    byte[] png = MediaFiles.image(40, 40, "png");
    Response slot = media.slot(hal.accessToken(), attachment(chatId, "again.png", "image/png", png.length));
    String mediaId = id(slot.json().getJsonObject("media"));
    assertThat(MediaFiles.put(slot.json(), png)).isEqualTo(200);
    assertThat(api.post("/media/" + mediaId + "/complete", hal.accessToken(), null).status()).isEqualTo(200);
    sendWith(hal, chatId, "again-1", "image", mediaId);
    assertThat(stored("uploads/" + mediaId)).isFalse();

    // The URL still works within its lifetime and writes the upload key again: served by nothing, deleted later.
    assertThat(MediaFiles.put(slot.json(), png)).isEqualTo(200);
    assertThat(stored("uploads/" + mediaId)).isTrue();
    await("the stray upload object is deleted", () -> !stored("uploads/" + mediaId));
    assertThat(MediaFiles.put(slot.json(), png)).as("the URL has expired by now").isEqualTo(403);
    assertThat(downloaded(hal, mediaId)).isEqualTo(png);
  }

  @Test
  void strangersCannotReleaseSomeoneElsesMediaThroughTheBridge() throws Exception {
    TestUser ivy = users.create("ivy");
    TestUser jon = users.create("jon");
    String chatId = media.chatOf(ivy);
    byte[] png = MediaFiles.image(16, 16, "png");
    JsonObject picture = media.upload(ivy.accessToken(), attachment(chatId, "mine.png", "image/png", png.length), png);
    sendWith(ivy, chatId, "mine-1", "image", id(picture));
    try (BridgeClient socket = stack.bridge()) {
      socket.send(Addresses.MEDIA_RELEASED, new JsonObject().put("mediaIds", new JsonArray().add(id(picture))), jon.accessToken());
      socket.send(Addresses.MEDIA_RELEASED, new JsonObject().put("chatId", chatId), jon.accessToken());
      assertThat(socket.await(f -> "err".equals(f.getString("type")) && socket.frames().stream()
        .filter(x -> "err".equals(x.getString("type"))).count() >= 2, 10_000)).isNotNull();
    }
    witnessReclaimed(ivy);
    assertThat(downloaded(ivy, id(picture))).isEqualTo(png);
  }
}
