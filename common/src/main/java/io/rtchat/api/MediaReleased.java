package io.rtchat.api;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Internal event on {@link io.rtchat.common.Addresses#MEDIA_RELEASED}: something stopped holding these media
 * ({@code mediaIds}: a deleted message's attachments, a replaced avatar) or every attachment of a chat ({@code chatId}:
 * a deleted group chat). chat-service and auth-service tell it; media-service reclaims each one nothing uses any more.
 */
@DataObject
@JsonGen(publicConverter = false)
public class MediaReleased {

  private List<String> mediaIds = new ArrayList<>();
  private String chatId;

  public MediaReleased() {
  }

  public MediaReleased(JsonObject json) {
    MediaReleasedConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    MediaReleasedConverter.toJson(this, json);
    return json;
  }

  public List<String> getMediaIds() {
    return mediaIds;
  }

  public MediaReleased setMediaIds(List<String> mediaIds) {
    this.mediaIds = mediaIds == null ? new ArrayList<>() : new ArrayList<>(mediaIds);
    return this;
  }

  public String getChatId() {
    return chatId;
  }

  public MediaReleased setChatId(String chatId) {
    this.chatId = chatId;
    return this;
  }
}
