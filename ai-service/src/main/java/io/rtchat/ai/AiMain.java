package io.rtchat.ai;

import io.rtchat.api.AiChatService;
import io.rtchat.common.Setting;
import io.rtchat.runtime.ServiceRunner;

import java.util.List;

/**
 * Runs the ai-service alone, as a member of the cluster (one Kubernetes Deployment); refuses to start without its
 * MongoDB. Without {@code AI_BASE_URL} it still starts: the history reads and questions answer ai.not_configured.
 */
public final class AiMain {

  private AiMain() {
  }

  public static void main(String[] args) {
    ServiceRunner.run("ai-service", AiVerticle::new, AiChatService.ADDRESS, List.of(Setting.MONGO_URI));
  }
}
