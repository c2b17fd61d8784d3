package io.rtchat.standalone.support;

import io.rtchat.common.Addresses;
import io.rtchat.common.Inbox;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;

/** A device listening on its user's inbox over the real bridge, registered for sure before the test goes on. */
public final class Live {

  private static final String SYNC = "test.sync";

  private Live() {
  }

  /** Opens a socket, registers on the user's inbox and waits until an event published there arrives. */
  public static BridgeClient device(TestStack stack, TestUser user) {
    BridgeClient socket = stack.bridge();
    socket.register(Addresses.inbox(user.id()), user.accessToken());
    String marker = "sync-" + System.nanoTime();
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      Inbox.publish(stack.vertx.eventBus(), user.id(), SYNC, new JsonObject().put("marker", marker));
      try {
        socket.await(f -> "rec".equals(f.getString("type")) && f.getJsonObject("body") != null
          && SYNC.equals(f.getJsonObject("body").getString("type"))
          && marker.equals(f.getJsonObject("body").getJsonObject("data").getString("marker")), 200);
        return socket;
      } catch (AssertionError notYet) {
        // the registration is asynchronous (token check): publish again
      }
    }
    socket.close();
    throw new AssertionError("registration of " + user.username() + " never took effect");
  }

  /** The events received so far, without the sync markers. */
  public static java.util.List<JsonObject> events(BridgeClient socket, long settleMs) {
    socket.settle(settleMs);
    return socket.events().stream().filter(e -> !SYNC.equals(e.getString("type"))).toList();
  }
}
