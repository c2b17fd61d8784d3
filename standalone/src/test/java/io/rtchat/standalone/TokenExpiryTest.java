package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rtchat.standalone.AuthHardeningTest.awaitClosed;
import static org.assertj.core.api.Assertions.assertThat;

/** A bridge socket lives no longer than the newest access token it presented. */
class TokenExpiryTest {

  static TestStack stack;
  static Users users;

  @BeforeAll
  static void start() {
    stack = TestStack.start(Map.of("ACCESS_TOKEN_TTL_SECONDS", "3"));
    users = stack.users();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aSocketClosesWhenItsTokenExpires() {
    TestUser gil = users.create("gil");
    try (BridgeClient socket = stack.bridge()) {
      socket.register(Addresses.inbox(gil.id()), gil.accessToken());
      stack.vertx.timer(1_000).await();
      assertThat(socket.isClosed()).isFalse();
      awaitClosed(socket, 10_000);
    }
  }
}
