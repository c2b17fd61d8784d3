package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.rtchat.common.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What can be read about groups: my groups, one group (members only), my pending group invitations. */
class GroupQueries {

  private final AuthService auth;
  private final GroupStore groups;
  private final InvitationStore invitations;

  GroupQueries(AuthService auth, GroupStore groups, InvitationStore invitations) {
    this.auth = auth;
    this.groups = groups;
    this.invitations = invitations;
  }

  Future<JsonObject> mine(String userId, PageQuery query) {
    return query.checked()
      .compose(page -> groups.ofMember(userId, page.after(), page.limit()))
      .map(docs -> query.page(docs.stream().map(GroupViews::group).toList()));
  }

  /** One group with its members' profiles in join order: 404 when it does not exist, 403 to a non-member. */
  Future<JsonObject> get(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.byId(groupId))
      .compose(doc -> {
        if (doc == null) {
          return Errors.fail(ErrorCode.GROUP_NOT_FOUND, "No such group");
        }
        if (!GroupViews.ids(doc, "members").contains(userId)) {
          return Errors.fail(ErrorCode.GROUP_NOT_MEMBER, "Only members can see this group");
        }
        List<String> members = GroupViews.ids(doc, "members");
        return auth.getProfiles(members).map(profiles -> {
          Map<String, Object> byId = new HashMap<>();
          profiles.forEach(p -> byId.put(((JsonObject) p).getString("id"), p));
          JsonArray ordered = new JsonArray();
          members.stream().filter(byId::containsKey).forEach(id -> ordered.add(byId.get(id)));
          return GroupViews.group(doc).put("memberProfiles", ordered);
        });
      });
  }

  /**
   * My pending group invitations, newest first, each with its group's summary. The group's own {@code invited} list
   * is the truth: an invitation it no longer lists is not shown.
   */
  Future<JsonObject> invitations(String userId, PageQuery query) {
    return query.checked()
      .compose(page -> invitations.pendingGroupInvitations(userId, page.before(), page.limit()))
      .compose(docs -> GroupViews.withProfiles(auth, docs.stream().map(GroupViews::invitation).toList()))
      .compose(views -> groups.byIds(views.stream().map(view -> view.getString("groupId")).distinct().toList())
        .map(found -> {
          Map<String, JsonObject> byId = new HashMap<>();
          found.forEach(g -> byId.put(g.getString("_id"), g));
          List<JsonObject> live = views.stream().limit(query.limit()).filter(view -> {
            JsonObject g = byId.get(view.getString("groupId"));
            return g != null && GroupViews.ids(g, "invited").contains(userId);
          }).toList();
          live.forEach(view -> view.put("group", GroupViews.summary(byId.get(view.getString("groupId")))));
          return new JsonObject().put("items", new JsonArray(live)).put("hasMore", views.size() > query.limit());
        }));
  }
}
