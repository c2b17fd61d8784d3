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
 * Media through S3. The client-facing methods arrive with the media issue; the methods below are the ones other
 * services rely on.
 */
@ProxyGen
@VertxGen
public interface MediaService {

  String ADDRESS = Addresses.MEDIA_SERVICE;

  static MediaService createProxy(Vertx vertx) {
    return new MediaServiceVertxEBProxy(vertx, ADDRESS);
  }

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
