package io.rtchat.media;

import io.rtchat.api.MediaService;
import io.rtchat.common.Setting;
import io.rtchat.runtime.ServiceRunner;

import java.util.List;

/** Runs the media-service alone, as a member of the cluster (one Kubernetes Deployment); refuses to start without its MongoDB and S3. */
public final class MediaMain {

  private MediaMain() {
  }

  public static void main(String[] args) {
    ServiceRunner.run("media-service", MediaVerticle::new, MediaService.ADDRESS, List.of(Setting.MONGO_URI, Setting.S3_ENDPOINT, Setting.S3_ACCESS_KEY, Setting.S3_SECRET_KEY));
  }
}
