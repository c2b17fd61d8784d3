package io.rtchat.auth;

import io.rtchat.api.AuthService;
import io.rtchat.common.Setting;
import io.rtchat.runtime.ServiceRunner;

import java.util.List;

/** Runs the auth-service alone, as a member of the cluster (one Kubernetes Deployment); refuses to start without its MongoDB and JWT key. */
public final class AuthMain {

  private AuthMain() {
  }

  public static void main(String[] args) {
    ServiceRunner.run("auth-service", AuthVerticle::new, AuthService.ADDRESS, List.of(Setting.MONGO_URI, Setting.JWT_SECRET));
  }
}
