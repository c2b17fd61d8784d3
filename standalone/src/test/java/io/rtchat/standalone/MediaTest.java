package io.rtchat.standalone;

import io.rtchat.api.MediaService;
import io.rtchat.common.Setting;
import io.rtchat.media.S3Storage;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.Groups;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

import static io.rtchat.standalone.support.MediaFiles.attachment;
import static io.rtchat.standalone.support.MediaFiles.avatar;
import static org.assertj.core.api.Assertions.assertThat;

/** Attachments and avatars through presigned S3 URLs against S3Proxy, uploaded and downloaded with plain HTTP. */
class MediaTest extends StackPerClass {

  MediaFiles media;

  @BeforeAll
  void startClients() {
    media = new MediaFiles(stack);
  }

  private String id(JsonObject media) {
    return media.getString("id");
  }

  /** Downloads the image until it satisfies the condition (work that happens after an answer, like thumbnails). */
  private BufferedImage awaitImage(String path, String token, Predicate<BufferedImage> done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    BufferedImage image = MediaFiles.decode(download(path, token).body());
    while (!done.test(image) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      image = MediaFiles.decode(download(path, token).body());
    }
    return image;
  }

  /** Follows the gateway's 302 to S3 with a plain client: what a browser does. */
  private HttpResponse<byte[]> download(String path, String token) {
    Response redirect = api.get(path, token);
    assertThat(redirect.status()).as("download %s", redirect).isEqualTo(302);
    return MediaFiles.get(redirect.header("Location"));
  }

  private String pathOf(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  @Test
  void imageUploadedToS3BecomesReadyWithThumbnailAndDownloadsForParticipants() throws Exception {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String chatId = media.chatOf(ann, ben);
    byte[] png = MediaFiles.image(2000, 1000, "png");

    Response slot = media.slot(ann.accessToken(), attachment(chatId, "beach.png", "image/png", png.length));
    assertThat(slot.status()).as(slot.toString()).isEqualTo(201);
    JsonObject pending = slot.json().getJsonObject("media");
    assertThat(pending.getString("status")).isEqualTo("pending");
    assertThat(pending.getString("type")).isEqualTo("image");
    assertThat(pending.getString("uploader")).isEqualTo(ann.id());
    assertThat(pending.getString("chatId")).isEqualTo(chatId);
    assertThat(slot.json().getString("method")).isEqualTo("PUT");
    assertThat(slot.json().getJsonObject("headers").getString("Content-Type")).isEqualTo("image/png");
    assertThat(MediaFiles.put(slot.json(), png)).isEqualTo(200);

    Response done = api.post("/media/" + id(pending) + "/complete", ann.accessToken(), null);
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().getString("status")).isEqualTo("ready");
    assertThat(done.json().getLong("size")).isEqualTo(png.length);
    assertThat(done.json().getString("uploadedAt")).isNotNull();
    assertThat(done.json().getString("url")).endsWith("/api/v1/media/" + id(pending));

    // Ben, a participant, downloads through a short-lived presigned GET and gets exactly the bytes.
    HttpResponse<byte[]> original = download(pathOf(done.json().getString("url")), ben.accessToken());
    assertThat(original.statusCode()).isEqualTo(200);
    assertThat(original.body()).isEqualTo(png);
    assertThat(original.headers().firstValue("Content-Type")).hasValue("image/png");

    // The thumbnail URL is there at once; it serves the 320 px thumbnail as soon as the worker has made it.
    String thumbnailPath = pathOf(done.json().getString("thumbnailUrl"));
    BufferedImage small = awaitImage(thumbnailPath, ben.accessToken(), image -> image.getWidth() == 320);
    assertThat(small.getWidth()).isEqualTo(320);
    assertThat(small.getHeight()).isEqualTo(160);

    Response json = api.get("/media/" + id(pending) + "?redirect=false", ben.accessToken());
    assertThat(json.status()).isEqualTo(200);
    assertThat(MediaFiles.get(json.json().getString("url")).body()).isEqualTo(png);
  }

  @Test
  void browsersOnTheWebOriginMayPutStraightToTheEmbeddedS3AndOthersMayNot() {
    TestUser amy = users.create("amy");
    String uploadUrl = media.slot(amy.accessToken(), avatar("me.png", "image/png", 10)).json().getString("uploadUrl");
    String origin = stack.config.get(Setting.PUBLIC_URL);
    HttpResponse<byte[]> allowed = MediaFiles.preflightPut(uploadUrl, origin);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
    HttpResponse<byte[]> other = MediaFiles.preflightPut(uploadUrl, "https://evil.example");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void fileOfAnyAllowedTypeIsAcceptedAndDownloadsAsAnAttachment() {
    TestUser cat = users.create("cat");
    String chatId = media.chatOf(cat);
    byte[] text = "minutes of the meeting\n".getBytes(StandardCharsets.UTF_8);
    JsonObject ready = media.upload(cat.accessToken(), attachment(chatId, "notes.txt", "text/plain", text.length), text);
    assertThat(ready.getString("type")).isEqualTo("file");
    assertThat(ready.getString("thumbnailUrl")).isNull();
    assertThat(api.get("/media/" + id(ready) + "?variant=thumbnail", cat.accessToken()).status()).isEqualTo(404);
    HttpResponse<byte[]> file = download("/media/" + id(ready), cat.accessToken());
    assertThat(file.body()).isEqualTo(text);
    assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
  }

  @Test
  void aBodyOfAnotherSizeThanDeclaredIsRefusedByS3AndNothingIsStored() {
    TestUser dan = users.create("dan");
    String chatId = media.chatOf(dan);
    byte[] png = MediaFiles.image(40, 40, "png");
    Response slot = media.slot(dan.accessToken(), attachment(chatId, "small.png", "image/png", png.length + 100));
    assertThat(MediaFiles.put(slot.json(), png)).isEqualTo(403);
    String mediaId = id(slot.json().getJsonObject("media"));

    Response again = api.post("/media/" + mediaId + "/complete", dan.accessToken(), null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("media.not_uploaded");
    assertThat(api.get("/media/" + mediaId, dan.accessToken()).errorCode()).isEqualTo("media.not_ready");
  }

  @Test
  void theUploadUrlCannotChangeWhatWasCompleted() {
    TestUser dora = users.create("dora");
    String chatId = media.chatOf(dora);
    byte[] png = MediaFiles.image(40, 40, "png");
    Response slot = media.slot(dora.accessToken(), attachment(chatId, "small.png", "image/png", png.length));
    assertThat(MediaFiles.put(slot.json(), png)).isEqualTo(200);
    String mediaId = id(slot.json().getJsonObject("media"));
    assertThat(api.post("/media/" + mediaId + "/complete", dora.accessToken(), null).status()).isEqualTo(200);

    // The same URL again, within its lifetime: a bigger body is refused, one of the same size lands nowhere that is served.
    assertThat(MediaFiles.put(slot.json(), new byte[png.length * 50])).isEqualTo(403);
    byte[] swapped = new byte[png.length];
    java.util.Arrays.fill(swapped, (byte) 'x');
    MediaFiles.put(slot.json(), swapped);
    assertThat(download("/media/" + mediaId, dora.accessToken()).body()).isEqualTo(png);
    assertThat(api.post("/media/" + mediaId + "/complete", dora.accessToken(), null).json().getString("status")).isEqualTo("ready");
    assertThat(download("/media/" + mediaId, dora.accessToken()).body()).isEqualTo(png);
  }

  @Test
  void aThumbnailSourceReadTakesAtMostItsCapWhateverTheObjectHolds() {
    // The thumbnail worker reads a completed image with S3Storage.firstBytes(key, cap + 1): a ranged GET, so an object
    // bigger than it should be (a bucket written by other means) never comes into the heap whole.
    try (S3Storage storage = new S3Storage(stack.vertx.getOrCreateContext(), stack.config)) {
      String key = "media/" + Users.unique("oversized");
      storage.write(key, new byte[4 << 20], "image/png").await();
      assertThat(storage.firstBytes(key, 1_001).await()).hasSize(1_001);
      storage.delete(key).await();
    }
  }

  @Test
  void textDeclaredAsAnImageIsRefusedByItsFirstBytesAndDeleted() {
    TestUser eve = users.create("eve");
    String chatId = media.chatOf(eve);
    byte[] text = "this is not a picture at all, just words".getBytes(StandardCharsets.UTF_8);
    Response slot = media.slot(eve.accessToken(), attachment(chatId, "cat.png", "image/png", text.length));
    assertThat(MediaFiles.put(slot.json(), text)).isEqualTo(200);
    String mediaId = id(slot.json().getJsonObject("media"));

    Response lie = api.post("/media/" + mediaId + "/complete", eve.accessToken(), null);
    assertThat(lie.status()).isEqualTo(422);
    assertThat(lie.errorCode()).isEqualTo("media.content_mismatch");
    assertThat(api.post("/media/" + mediaId + "/complete", eve.accessToken(), null).errorCode()).isEqualTo("media.not_uploaded");
    assertThat(api.get("/media/" + mediaId + "/meta", eve.accessToken()).json().getString("status")).isEqualTo("pending");
  }

  @Test
  void jpegDeclaredAsPngIsStillAnImageAndAccepted() {
    TestUser fay = users.create("fay");
    String chatId = media.chatOf(fay);
    byte[] jpeg = MediaFiles.image(60, 30, "jpeg");
    JsonObject ready = media.upload(fay.accessToken(), attachment(chatId, "photo.png", "image/png", jpeg.length), jpeg);
    assertThat(ready.getString("status")).isEqualTo("ready");
  }

  @Test
  void audioRecognisedByItsFirstBytesIsAccepted() {
    TestUser liv = users.create("liv");
    String chatId = media.chatOf(liv);
    byte[] wav = MediaFiles.wav(8000);
    JsonObject ready = media.upload(liv.accessToken(), attachment(chatId, "voice.wav", "audio/wav", wav.length), wav);
    assertThat(ready.getString("type")).isEqualTo("audio");
    assertThat(ready.getString("status")).isEqualTo("ready");
  }

  @Test
  void uploadsOverTheLimitOfTheirKindAreRefusedAtSlotTime() {
    TestUser gus = users.create("gus");
    String chatId = media.chatOf(gus);
    Response image = media.slot(gus.accessToken(), attachment(chatId, "huge.png", "image/png", 20L * 1024 * 1024 + 1));
    assertThat(image.status()).isEqualTo(413);
    assertThat(image.errorCode()).isEqualTo("media.too_large");
    assertThat(media.slot(gus.accessToken(), attachment(chatId, "ok.png", "image/png", 20L * 1024 * 1024)).status()).isEqualTo(201);
    assertThat(media.slot(gus.accessToken(), attachment(chatId, "film.mp4", "video/mp4", 200L * 1024 * 1024)).status()).isEqualTo(201);
    assertThat(media.slot(gus.accessToken(), attachment(chatId, "film.mp4", "video/mp4", 200L * 1024 * 1024 + 1)).status()).isEqualTo(413);
    assertThat(media.slot(gus.accessToken(), attachment(chatId, "a.pdf", "application/pdf", 100L * 1024 * 1024 + 1)).status()).isEqualTo(413);
    assertThat(media.slot(gus.accessToken(), avatar("me.png", "image/png", 5L * 1024 * 1024 + 1)).status()).isEqualTo(413);
  }

  @Test
  void typesOutsideTheAllowListAndNonImageAvatarsAreRefused() {
    TestUser hal = users.create("hal");
    String chatId = media.chatOf(hal);
    Response exe = media.slot(hal.accessToken(), attachment(chatId, "setup.exe", "application/x-msdownload", 1000));
    assertThat(exe.status()).isEqualTo(415);
    assertThat(exe.errorCode()).isEqualTo("media.type_not_allowed");
    Response pdfAvatar = media.slot(hal.accessToken(), avatar("me.pdf", "application/pdf", 1000));
    assertThat(pdfAvatar.status()).isEqualTo(415);
  }

  @Test
  void malformedSlotRequestsAreRefusedWithTheirFields() {
    TestUser ida = users.create("ida");
    Response empty = media.slot(ida.accessToken(), new JsonObject());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().getJsonObject("error").getJsonObject("fields").fieldNames())
      .contains("purpose", "name", "fileType", "size");
    Response noChat = media.slot(ida.accessToken(), new JsonObject().put("purpose", "attachment")
      .put("name", "a.png").put("fileType", "image/png").put("size", 10));
    assertThat(noChat.json().getJsonObject("error").getJsonObject("fields").fieldNames()).containsExactly("chatId");
    Response badType = media.slot(ida.accessToken(), avatar("../etc/passwd", "not a type", -1));
    assertThat(badType.json().getJsonObject("error").getJsonObject("fields").fieldNames()).contains("name", "fileType", "size");
    assertThat(api.post("/media/not-an-id/complete", ida.accessToken(), null).status()).isEqualTo(400);
    assertThat(media.slot(null, avatar("me.png", "image/png", 10)).status()).isEqualTo(401);
  }

  @Test
  void fileNamesThatWouldShowOtherwiseThanTheyAreAreRefusedWithTheField() {
    TestUser una = users.create("una");
    for (String name : new String[] {"invoice\u202Efdp.exe", "a\u200Bb.png", "\u3164.png", "x\u2066.png", "\uFE0F.png"}) {
      Response refused = media.slot(una.accessToken(), avatar(name, "image/png", 10));
      assertThat(refused.status()).as("%s", name).isEqualTo(400);
      assertThat(refused.errorCode()).isEqualTo("request.invalid");
      assertThat(refused.json().getJsonObject("error").getJsonObject("fields").fieldNames()).containsExactly("name");
    }
    assertThat(media.slot(una.accessToken(), avatar("Zoë \u2764\uFE0F.png", "image/png", 10)).status()).isEqualTo(201);
  }

  @Test
  void completingBeforeUploadingSaysNothingWasStored() {
    TestUser jon = users.create("jon");
    Response slot = media.slot(jon.accessToken(), avatar("me.png", "image/png", 100));
    Response early = api.post("/media/" + id(slot.json().getJsonObject("media")) + "/complete", jon.accessToken(), null);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.errorCode()).isEqualTo("media.not_uploaded");
  }

  @Test
  void outsidersGetNoSlotForAChatAndCannotSeeItsMedia() {
    TestUser kim = users.create("kim");
    TestUser lou = users.create("lou");
    String chatId = media.chatOf(kim);
    byte[] png = MediaFiles.image(30, 30, "png");
    JsonObject ready = media.upload(kim.accessToken(), attachment(chatId, "secret.png", "image/png", png.length), png);

    Response slot = media.slot(lou.accessToken(), attachment(chatId, "x.png", "image/png", 10));
    assertThat(slot.status()).isEqualTo(403);
    assertThat(slot.errorCode()).isEqualTo("chat.not_member");
    Response unknownChat = media.slot(lou.accessToken(), attachment("0123456789abcdef01234567", "x.png", "image/png", 10));
    assertThat(unknownChat.status()).isEqualTo(403);

    Response download = api.get("/media/" + id(ready), lou.accessToken());
    assertThat(download.status()).isEqualTo(403);
    assertThat(download.errorCode()).isEqualTo("media.forbidden");
    assertThat(download.header("Location")).isNull();
    assertThat(api.get("/media/" + id(ready) + "/meta", lou.accessToken()).status()).isEqualTo(403);
    assertThat(api.get("/media/" + id(ready) + "?variant=thumbnail", lou.accessToken()).status()).isEqualTo(403);
    // Without a token an attachment is never served; someone else's upload cannot be completed.
    assertThat(api.get("/media/" + id(ready), null).status()).isEqualTo(401);
    assertThat(api.get("/media/" + id(ready), "garbage").status()).isEqualTo(401);
    assertThat(api.post("/media/" + id(ready) + "/complete", lou.accessToken(), null).status()).isEqualTo(404);
    assertThat(api.get("/media/0123456789abcdef01234567", lou.accessToken()).status()).isEqualTo(404);
  }

  @Test
  void memberWhoLeftTheGroupNoLongerSeesItsMedia() {
    TestUser mia = users.create("mia");
    TestUser nat = users.create("nat");
    Groups.TestGroup group = stack.groups().withMembers(mia, nat);
    byte[] png = MediaFiles.image(20, 20, "png");
    JsonObject ready = media.upload(mia.accessToken(), attachment(group.chatId(), "g.png", "image/png", png.length), png);
    assertThat(api.get("/media/" + id(ready), nat.accessToken()).status()).isEqualTo(302);
    assertThat(api.post("/groups/" + group.id() + "/leave", nat.accessToken(), null).status()).isBetween(200, 204);
    assertThat(api.get("/media/" + id(ready), nat.accessToken()).status()).isEqualTo(403);
    assertThat(media.slot(nat.accessToken(), attachment(group.chatId(), "x.png", "image/png", 10)).status()).isEqualTo(403);
  }

  private Response send(TestUser sender, String chatId, String clientMsgId, String type, String... mediaIds) {
    return api.post("/chats/" + chatId + "/messages", sender.accessToken(), new JsonObject()
      .put("clientMsgId", clientMsgId).put("type", type).put("content", "")
      .put("attachmentIds", new JsonArray(List.of(mediaIds))));
  }

  @Test
  void messagesCarryTheirAttachmentsAndTheChatsCollectionsListThem() {
    TestUser ada = users.create("ada");
    TestUser bo = users.create("bo");
    String chatId = media.chatOf(ada, bo);
    byte[] png = MediaFiles.image(64, 48, "png");
    JsonObject picture = media.upload(ada.accessToken(), attachment(chatId, "pic.png", "image/png", png.length), png);
    byte[] pdfLike = "%PDF-1.4 minutes".getBytes(StandardCharsets.UTF_8);
    JsonObject document = media.upload(ada.accessToken(), attachment(chatId, "minutes.pdf", "application/pdf", pdfLike.length), pdfLike);

    Response image = send(ada, chatId, "img-1", "image", id(picture));
    assertThat(image.status()).as(image.toString()).isEqualTo(201);
    JsonObject attached = image.json().getJsonArray("attachments").getJsonObject(0);
    assertThat(attached.getString("id")).isEqualTo(id(picture));
    assertThat(attached.getString("fileType")).isEqualTo("image/png");
    assertThat(attached.getString("name")).isEqualTo("pic.png");
    assertThat(attached.getLong("size")).isEqualTo(png.length);
    assertThat(attached.getString("thumbnailUrl")).endsWith("/api/v1/media/" + id(picture) + "?variant=thumbnail");
    assertThat(send(ada, chatId, "file-1", "file", id(document)).status()).isEqualTo(201);

    JsonArray mediaItems = api.get("/chats/" + chatId + "/media", bo.accessToken()).items();
    assertThat(mediaItems).hasSize(1);
    assertThat(mediaItems.getJsonObject(0).getJsonArray("attachments").getJsonObject(0).getString("id")).isEqualTo(id(picture));
    JsonArray fileItems = api.get("/chats/" + chatId + "/files", bo.accessToken()).items();
    assertThat(fileItems).hasSize(1);
    assertThat(fileItems.getJsonObject(0).getJsonArray("attachments").getJsonObject(0).getString("name")).isEqualTo("minutes.pdf");
    // Bo follows the attachment's URL from the message to the bytes.
    assertThat(download(pathOf(attached.getString("url")), bo.accessToken()).body()).isEqualTo(png);
  }

  @Test
  void friendsInADirectChatShareAttachmentsThatNobodyElseSees() {
    TestUser pia = users.create("pia");
    TestUser quy = users.create("quy");
    TestUser rex = users.create("rex");
    users.befriend(pia, quy);
    Response chat = api.post("/chats", pia.accessToken(), new JsonObject().put("participantId", quy.id()));
    assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
    String chatId = chat.json().getString("id");
    byte[] jpeg = MediaFiles.image(40, 30, "jpeg");
    JsonObject photo = media.upload(pia.accessToken(), attachment(chatId, "us.jpg", "image/jpeg", jpeg.length), jpeg);
    assertThat(send(pia, chatId, "photo-1", "image", id(photo)).status()).isEqualTo(201);
    assertThat(download("/media/" + id(photo), quy.accessToken()).body()).isEqualTo(jpeg);
    assertThat(api.get("/media/" + id(photo), rex.accessToken()).status()).isEqualTo(403);
    assertThat(media.slot(rex.accessToken(), attachment(chatId, "x.jpg", "image/jpeg", 10)).status()).isEqualTo(403);
  }

  @Test
  void attachmentsMustBeReadyYoursAndForThatChat() {
    TestUser max = users.create("max");
    TestUser ned = users.create("ned");
    String chatId = media.chatOf(max, ned);
    String otherChat = media.chatOf(max);
    byte[] png = MediaFiles.image(20, 20, "png");
    JsonObject nedsOwn = media.upload(ned.accessToken(), attachment(chatId, "n.png", "image/png", png.length), png);
    JsonObject elsewhere = media.upload(max.accessToken(), attachment(otherChat, "o.png", "image/png", png.length), png);
    String pending = id(media.slot(max.accessToken(), attachment(chatId, "p.png", "image/png", 10)).json().getJsonObject("media"));

    Response notReady = send(max, chatId, "m1", "image", pending);
    assertThat(notReady.status()).isEqualTo(409);
    assertThat(notReady.errorCode()).isEqualTo("media.not_ready");
    Response notMine = send(max, chatId, "m2", "image", id(nedsOwn));
    assertThat(notMine.status()).isEqualTo(422);
    assertThat(notMine.errorCode()).isEqualTo("message.attachment_invalid");
    assertThat(send(max, chatId, "m3", "image", id(elsewhere)).errorCode()).isEqualTo("message.attachment_invalid");
    assertThat(send(max, chatId, "m4", "image", "0123456789abcdef01234567").errorCode()).isEqualTo("media.not_found");
    assertThat(api.get("/chats/" + chatId + "/messages", ned.accessToken()).items()).isEmpty();
  }

  @Test
  void attachmentsForAnswersTheMetadataInTheOrderAsked() {
    TestUser oz = users.create("oz");
    String chatId = media.chatOf(oz);
    byte[] png = MediaFiles.image(20, 20, "png");
    JsonObject first = media.upload(oz.accessToken(), attachment(chatId, "1.png", "image/png", png.length), png);
    byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
    JsonObject second = media.upload(oz.accessToken(), attachment(chatId, "2.txt", "text/plain", text.length), text);
    JsonArray both = MediaService.createProxy(stack.vertx).attachmentsFor(oz.id(), chatId, List.of(id(second), id(first))).await();
    assertThat(both.stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly(id(second), id(first));
  }

  @Test
  void avatarBecomesPartOfTheProfileAndIsPublic() {
    TestUser oli = users.create("oli");
    TestUser pam = users.create("pam");
    byte[] jpeg = MediaFiles.image(500, 500, "jpeg");
    JsonObject avatar = media.upload(oli.accessToken(), avatar("me.jpg", "image/jpeg", jpeg.length), jpeg);

    Response patched = api.patch("/users/me", oli.accessToken(), new JsonObject().put("avatarMediaId", id(avatar)));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().getString("avatarMediaId")).isEqualTo(id(avatar));
    String avatarUrl = patched.json().getString("avatarUrl");
    assertThat(avatarUrl).isEqualTo(avatar.getString("url"));
    assertThat(api.get("/users/" + oli.id(), pam.accessToken()).json().getString("avatarUrl")).isEqualTo(avatarUrl);

    // An <img> sends no token: avatars download without one.
    HttpResponse<byte[]> image = download(pathOf(avatarUrl), null);
    assertThat(image.body()).isEqualTo(jpeg);

    Response removed = api.patch("/users/me", oli.accessToken(), new JsonObject().putNull("avatarMediaId"));
    assertThat(removed.json().getString("avatarUrl")).isNull();
    assertThat(removed.json().getString("avatarMediaId")).isNull();
    assertThat(api.get(pathOf(avatarUrl), null).status()).as("a removed avatar is public no more").isEqualTo(401);
  }

  @Test
  void anAvatarUploadIsPublicOnlyWhileItIsSomeonesCurrentAvatar() {
    TestUser sam = users.create("sam");
    TestUser tia = users.create("tia");
    byte[] first = MediaFiles.image(64, 64, "png");
    byte[] second = MediaFiles.image(80, 80, "png");
    JsonObject a = media.upload(sam.accessToken(), avatar("a.png", "image/png", first.length), first);
    JsonObject b = media.upload(sam.accessToken(), avatar("b.png", "image/png", second.length), second);
    String pathA = pathOf(a.getString("url"));
    String pathB = pathOf(b.getString("url"));

    // Nobody's avatar yet: no token, no picture; another user neither; its uploader may look at it.
    Response anonymous = api.get(pathA, null);
    assertThat(anonymous.status()).as("%s", anonymous).isEqualTo(401);
    assertThat(anonymous.errorCode()).isEqualTo("auth.unauthorized");
    assertThat(api.get(pathA + "/meta", null).status()).isEqualTo(401);
    Response other = api.get(pathA, tia.accessToken());
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.errorCode()).isEqualTo("media.forbidden");
    assertThat(download(pathA, sam.accessToken()).body()).isEqualTo(first);

    assertThat(api.patch("/users/me", sam.accessToken(), new JsonObject().put("avatarMediaId", id(a))).status()).isEqualTo(200);
    assertThat(download(pathA, null).body()).isEqualTo(first);
    assertThat(download(pathA + "?variant=thumbnail", null).statusCode()).isEqualTo(200);
    assertThat(api.get(pathB, null).status()).isEqualTo(401);

    // Replaced: the old one stops being public at once, the new one is.
    assertThat(api.patch("/users/me", sam.accessToken(), new JsonObject().put("avatarMediaId", id(b))).status()).isEqualTo(200);
    assertThat(api.get(pathA, null).status()).isEqualTo(401);
    assertThat(api.get(pathA, tia.accessToken()).status()).isEqualTo(403);
    assertThat(download(pathB, null).body()).isEqualTo(second);
  }

  @Test
  void onlyYourOwnReadyAvatarUploadCanBeYourAvatar() {
    TestUser quin = users.create("quin");
    TestUser ray = users.create("ray");
    byte[] png = MediaFiles.image(50, 50, "png");
    JsonObject raysAvatar = media.upload(ray.accessToken(), avatar("r.png", "image/png", png.length), png);
    JsonObject attachment = media.upload(quin.accessToken(), attachment(media.chatOf(quin), "a.png", "image/png", png.length), png);
    String pending = id(media.slot(quin.accessToken(), avatar("p.png", "image/png", 10)).json().getJsonObject("media"));

    Response someoneElses = api.patch("/users/me", quin.accessToken(), new JsonObject().put("avatarMediaId", id(raysAvatar)));
    assertThat(someoneElses.status()).isEqualTo(403);
    Response notAnAvatar = api.patch("/users/me", quin.accessToken(), new JsonObject().put("avatarMediaId", id(attachment)));
    assertThat(notAnAvatar.status()).isEqualTo(400);
    Response notReady = api.patch("/users/me", quin.accessToken(), new JsonObject().put("avatarMediaId", pending));
    assertThat(notReady.status()).isEqualTo(409);
    assertThat(notReady.errorCode()).isEqualTo("media.not_ready");
    Response badId = api.patch("/users/me", quin.accessToken(), new JsonObject().put("avatarMediaId", "nope").put("about", "x"));
    assertThat(badId.status()).isEqualTo(400);
    JsonObject me = api.get("/users/me", quin.accessToken()).json();
    assertThat(me.getString("avatarUrl")).isNull();
    assertThat(me.getString("about")).isEmpty();
  }
}
