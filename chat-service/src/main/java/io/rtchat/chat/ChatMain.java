package io.rtchat.chat;

import io.rtchat.api.ChatService;
import io.rtchat.common.Setting;
import io.rtchat.runtime.ServiceRunner;

import java.util.List;

/** Runs the chat-service alone, as a member of the cluster (one Kubernetes Deployment); refuses to start without its MongoDB. */
public final class ChatMain {

  private ChatMain() {
  }

  public static void main(String[] args) {
    ServiceRunner.run("chat-service", ChatVerticle::new, ChatService.ADDRESS, List.of(Setting.MONGO_URI));
  }
}
