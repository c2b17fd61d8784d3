package io.rtchat.gateway;

import io.rtchat.api.GroupService;
import io.vertx.ext.web.Router;

/** {@code /groups/*}: groups, their members and admins, and group invitations. */
public class GroupRoutes implements ApiModule {

  private final GroupService groups;

  public GroupRoutes(GroupService groups) {
    this.groups = groups;
  }

  @Override
  public void mount(Router api) {
    api.post("/groups").handler(ctx -> Rest.created(ctx, Rest.body(ctx)
      .compose(body -> groups.createGroup(Rest.userId(ctx), body))));
    api.get("/groups").handler(ctx -> Rest.ok(ctx, Rest.page(ctx)
      .compose(page -> groups.listGroups(Rest.userId(ctx), page.after(), page.limit()))));
    // before /groups/:groupId, which would otherwise take "invitations" for an id
    api.get("/groups/invitations").handler(ctx -> Rest.ok(ctx, Rest.page(ctx)
      .compose(page -> groups.listGroupInvitations(Rest.userId(ctx), page.before(), page.limit()))));
    api.get("/groups/:groupId").handler(ctx -> Rest.ok(ctx, groups.getGroup(Rest.userId(ctx), ctx.pathParam("groupId"))));
    api.patch("/groups/:groupId").handler(ctx -> Rest.ok(ctx, Rest.body(ctx)
      .compose(body -> groups.renameGroup(Rest.userId(ctx), ctx.pathParam("groupId"), body))));
    api.delete("/groups/:groupId").handler(ctx -> Rest.noContent(ctx,
      groups.deleteGroup(Rest.userId(ctx), ctx.pathParam("groupId"))));
    api.post("/groups/:groupId/invite").handler(ctx -> Rest.ok(ctx, Rest.body(ctx)
      .compose(body -> groups.inviteToGroup(Rest.userId(ctx), ctx.pathParam("groupId"), body))));
    api.post("/groups/:groupId/accept").handler(ctx -> Rest.ok(ctx,
      groups.acceptGroupInvitation(Rest.userId(ctx), ctx.pathParam("groupId"))));
    api.post("/groups/:groupId/reject").handler(ctx -> Rest.noContent(ctx,
      groups.rejectGroupInvitation(Rest.userId(ctx), ctx.pathParam("groupId"))));
    api.post("/groups/:groupId/leave").handler(ctx -> Rest.noContent(ctx,
      groups.leaveGroup(Rest.userId(ctx), ctx.pathParam("groupId"))));
    api.delete("/groups/:groupId/members/:userId").handler(ctx -> Rest.ok(ctx,
      groups.removeGroupMember(Rest.userId(ctx), ctx.pathParam("groupId"), ctx.pathParam("userId"))));
    api.post("/groups/:groupId/admins/:userId").handler(ctx -> Rest.ok(ctx,
      groups.promoteGroupAdmin(Rest.userId(ctx), ctx.pathParam("groupId"), ctx.pathParam("userId"))));
    api.delete("/groups/:groupId/admins/:userId").handler(ctx -> Rest.ok(ctx,
      groups.demoteGroupAdmin(Rest.userId(ctx), ctx.pathParam("groupId"), ctx.pathParam("userId"))));
  }
}
