package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Media through S3: upload slots with presigned PUT URLs, completion checks (size, type by magic numbers),
 * downloads through short-lived presigned GET URLs, and the checks other services rely on (attachments, avatars).
 * A media answer is {@code {id,uploader,chatId,groupId,purpose,type,url,thumbnailUrl,fileType,name,size,status,
 * uploadedAt,createdAt}}; {@code url} and {@code thumbnailUrl} are stable gateway URLs that redirect to S3.
 */
@ProxyGen
@VertxGen
public interface MediaService {

  String ADDRESS = Addresses.MEDIA_SERVICE;

  static MediaService createProxy(Vertx vertx) {
    return new MediaServiceVertxEBProxy(vertx, ADDRESS);
  }

  // ---- called by the gateway for the client API

  /**
   * {@code {purpose:"attachment"|"avatar",chatId?,name,fileType,size}} → {@code {media,uploadUrl,method,headers,
   * expiresAt}}: a pending media record and a presigned S3 PUT for exactly that object.
   */
  Future<JsonObject> createUpload(String userId, JsonObject body);

  /** Checks the uploaded object (exists, size, type by its first bytes) and answers the media, now {@code ready}. */
  Future<JsonObject> complete(String userId, String mediaId);

  /**
   * A short-lived presigned GET for the media ({@code variant} null or "original") or its "thumbnail":
   * {@code {url,expiresAt}}. Avatars are public ({@code userId} may be null); attachments only for the chat's
   * participants.
   */
  Future<JsonObject> download(String userId, String mediaId, String variant);

  /** The media's metadata, for those who may download it (and for its uploader while it is pending). */
  Future<JsonObject> meta(String userId, String mediaId);

  // ---- called by other services

  /**
   * Checks that every media id is {@code ready}, uploaded by {@code userId} for {@code chatId}, and answers their
   * metadata in the given order (what a message's {@code attachments} hold). Fails with
   * {@code message.attachment_invalid} (or media.not_ready / media.not_found) otherwise.
   */
  Future<JsonArray> attachmentsFor(String userId, String chatId, List<String> mediaIds);

  /** Checks that the media is a ready avatar image uploaded by the user and answers its metadata (with url). */
  Future<JsonObject> avatarFor(String userId, String mediaId);

  /** Succeeds when the service and S3 answer. */
  Future<Void> ready();
}
