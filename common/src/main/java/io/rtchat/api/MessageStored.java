package io.rtchat.api;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The internal event chat-service sends to {@code Addresses.CHAT_MESSAGE_STORED} once a message is stored and
 * delivered live: what notification-service needs to notify the recipients who were offline. {@code recipientIds}
 * are the chat's participants but the sender; {@code preview} is the text a notification shows (the content cut
 * short, or {@code [image]} and the like); {@code createdAt} is ISO-8601; {@code groupId} is null for a 1:1 chat.
 */
@DataObject
@JsonGen(publicConverter = false)
public class MessageStored {

  private String chatId;
  private String groupId;
  private String messageId;
  private long seq;
  private String senderId;
  private List<String> recipientIds = new ArrayList<>();
  private String type;
  private String preview;
  private String createdAt;

  public MessageStored() {
  }

  public MessageStored(JsonObject json) {
    MessageStoredConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    MessageStoredConverter.toJson(this, json);
    return json;
  }

  public String getChatId() {
    return chatId;
  }

  public MessageStored setChatId(String chatId) {
    this.chatId = chatId;
    return this;
  }

  public String getGroupId() {
    return groupId;
  }

  public MessageStored setGroupId(String groupId) {
    this.groupId = groupId;
    return this;
  }

  public String getMessageId() {
    return messageId;
  }

  public MessageStored setMessageId(String messageId) {
    this.messageId = messageId;
    return this;
  }

  public long getSeq() {
    return seq;
  }

  public MessageStored setSeq(long seq) {
    this.seq = seq;
    return this;
  }

  public String getSenderId() {
    return senderId;
  }

  public MessageStored setSenderId(String senderId) {
    this.senderId = senderId;
    return this;
  }

  public List<String> getRecipientIds() {
    return recipientIds;
  }

  public MessageStored setRecipientIds(List<String> recipientIds) {
    this.recipientIds = recipientIds == null ? new ArrayList<>() : new ArrayList<>(recipientIds);
    return this;
  }

  public String getType() {
    return type;
  }

  public MessageStored setType(String type) {
    this.type = type;
    return this;
  }

  public String getPreview() {
    return preview;
  }

  public MessageStored setPreview(String preview) {
    this.preview = preview;
    return this;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public MessageStored setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
    return this;
  }
}
