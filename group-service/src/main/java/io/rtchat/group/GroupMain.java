package io.rtchat.group;

import io.rtchat.api.GroupService;
import io.rtchat.common.Setting;
import io.rtchat.runtime.ServiceRunner;

import java.util.List;

/** Runs the group-service alone, as a member of the cluster (one Kubernetes Deployment); refuses to start without its MongoDB. */
public final class GroupMain {

  private GroupMain() {
  }

  public static void main(String[] args) {
    ServiceRunner.run("group-service", GroupVerticle::new, GroupService.ADDRESS, List.of(Setting.MONGO_URI));
  }
}
