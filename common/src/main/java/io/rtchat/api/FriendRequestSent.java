package io.rtchat.api;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/**
 * Internal event on {@link io.rtchat.common.Addresses#FRIEND_REQUEST_SENT}: {@code senderId} asked {@code receiverId}
 * to be friends; {@code requestId} is the pending invitation. group-service tells it, notification-service records it.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FriendRequestSent {

  private String requestId;
  private String senderId;
  private String receiverId;

  public FriendRequestSent() {
  }

  public FriendRequestSent(JsonObject json) {
    FriendRequestSentConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FriendRequestSentConverter.toJson(this, json);
    return json;
  }

  public String getRequestId() {
    return requestId;
  }

  public FriendRequestSent setRequestId(String requestId) {
    this.requestId = requestId;
    return this;
  }

  public String getSenderId() {
    return senderId;
  }

  public FriendRequestSent setSenderId(String senderId) {
    this.senderId = senderId;
    return this;
  }

  public String getReceiverId() {
    return receiverId;
  }

  public FriendRequestSent setReceiverId(String receiverId) {
    this.receiverId = receiverId;
    return this;
  }
}
