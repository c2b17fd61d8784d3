package io.rtchat.gateway;

import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The explicit list of addresses a browser may send to over the bridge. Each command runs with the user id that
 * the bridge hook verified and wrote into the message headers (whatever the client put there is overwritten).
 * Consumers are local: a command is answered by the gateway instance that holds the socket.
 */
public class ClientCommands {

  static final String USER_HEADER = "rtchat-user-id";
  /** The bridge socket the command came from (one per browser tab/device connection), set by the bridge. */
  static final String SOCKET_HEADER = "rtchat-socket-id";
  /** The sending device: the client's {@code deviceId} frame header when it is a short token, else the socket id. */
  static final String DEVICE_HEADER = "rtchat-device-id";

  /** A command: the verified caller and the frame's body in, the reply out (null for no reply). */
  @FunctionalInterface
  public interface Command {
    Future<?> run(String userId, JsonObject body);
  }

  /** A command that also needs to know which socket and device sent it (call signalling). */
  @FunctionalInterface
  public interface SocketCommand {
    Future<?> run(String userId, String socketId, String deviceId, JsonObject body);
  }

  private final Vertx vertx;
  private final List<String> addresses = new ArrayList<>();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  public ClientCommands(Vertx vertx) {
    this.vertx = vertx;
  }

  public void on(String address, Command command) {
    onSocket(address, (userId, socketId, deviceId, body) -> command.run(userId, body));
  }

  public void onSocket(String address, SocketCommand command) {
    addresses.add(address);
    consumers.add(vertx.eventBus().localConsumer(address, msg -> handle(msg, command)));
  }

  public List<String> addresses() {
    return List.copyOf(addresses);
  }

  private void handle(Message<Object> msg, SocketCommand command) {
    String userId = msg.headers().get(USER_HEADER);
    if (userId == null) {
      msg.fail(401, Errors.toClientError(Errors.exception(io.rtchat.common.ErrorCode.UNAUTHORIZED, "Not signed in")).toJson().encode());
      return;
    }
    String limited = msg.headers().get(RateLimits.LIMITED_HEADER);
    if (limited != null) {
      Errors.ClientError error = Errors.toClientError(RateLimits.limited(Long.parseLong(limited)));
      msg.fail(error.status(), error.toJson().encode());
      return;
    }
    JsonObject body = msg.body() instanceof JsonObject json ? json : new JsonObject();
    Future<?> result;
    try {
      result = command.run(userId, msg.headers().get(SOCKET_HEADER), msg.headers().get(DEVICE_HEADER), body);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        if (msg.replyAddress() != null) {
          msg.reply(ar.result() == null ? new JsonObject() : ar.result());
        }
      } else {
        Errors.ClientError error = Errors.toClientError(ar.cause());
        if (msg.replyAddress() != null) {
          msg.fail(error.status(), error.toJson().encode());
        }
      }
    });
  }
}
