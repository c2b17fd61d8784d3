package io.rtchat.standalone;

import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rtchat.standalone.support.MediaFiles.avatar;
import static org.assertj.core.api.Assertions.assertThat;

/** Each user may hold at most MEDIA_QUOTA_BYTES of pending and ready uploads; expired slots give the room back. */
class StorageQuotaTest extends StackPerClass {

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
      Setting.MEDIA_QUOTA_BYTES.name(), "10000",
      Setting.MEDIA_UPLOAD_TTL_SECONDS.name(), "2",
      Setting.MEDIA_SWEEP_INTERVAL_SECONDS.name(), "1");
  }

  Response slot(TestUser user, String name, long size) {
    return new MediaFiles(stack).slot(user.accessToken(), avatar(name, "image/png", size));
  }

  @Test
  void aSlotBeyondTheUsersQuotaIsRefusedAndExpiredSlotsGiveTheRoomBack() throws Exception {
    TestUser vic = stack.users().create("vic");
    TestUser wes = stack.users().create("wes");
    assertThat(slot(vic, "a.png", 4_000).status()).isEqualTo(201);
    assertThat(slot(vic, "b.png", 6_000).status()).isEqualTo(201);
    Response over = slot(vic, "c.png", 1);
    assertThat(over.status()).isEqualTo(413);
    assertThat(over.errorCode()).isEqualTo("media.quota_exceeded");
    // One user's quota is theirs alone.
    assertThat(slot(wes, "d.png", 10_000).status()).isEqualTo(201);

    // The two pending slots expire unused and are swept: the room comes back.
    long deadline = System.currentTimeMillis() + 30_000;
    int status = over.status();
    while (status != 201 && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      status = slot(vic, "e.png", 9_000).status();
    }
    assertThat(status).isEqualTo(201);
  }
}
