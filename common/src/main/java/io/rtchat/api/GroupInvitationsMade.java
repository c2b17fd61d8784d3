package io.rtchat.api;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Internal event on {@link io.rtchat.common.Addresses#GROUP_INVITATIONS_MADE}: {@code senderId} invited
 * {@code inviteeIds} (only those newly invited) to the group {@code groupId} named {@code groupName}. group-service
 * tells it, notification-service records one notification per invitee.
 */
@DataObject
@JsonGen(publicConverter = false)
public class GroupInvitationsMade {

  private String groupId;
  private String groupName;
  private String senderId;
  private List<String> inviteeIds = new ArrayList<>();

  public GroupInvitationsMade() {
  }

  public GroupInvitationsMade(JsonObject json) {
    GroupInvitationsMadeConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    GroupInvitationsMadeConverter.toJson(this, json);
    return json;
  }

  public String getGroupId() {
    return groupId;
  }

  public GroupInvitationsMade setGroupId(String groupId) {
    this.groupId = groupId;
    return this;
  }

  public String getGroupName() {
    return groupName;
  }

  public GroupInvitationsMade setGroupName(String groupName) {
    this.groupName = groupName;
    return this;
  }

  public String getSenderId() {
    return senderId;
  }

  public GroupInvitationsMade setSenderId(String senderId) {
    this.senderId = senderId;
    return this;
  }

  public List<String> getInviteeIds() {
    return inviteeIds;
  }

  public GroupInvitationsMade setInviteeIds(List<String> inviteeIds) {
    this.inviteeIds = inviteeIds == null ? new ArrayList<>() : new ArrayList<>(inviteeIds);
    return this;
  }
}
