package io.rtchat.gateway;

import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The explicit list of addresses a browser may send to over the bridge, and what each runs. The bridge calls a
 * command directly with the caller it verified (whatever identity the client put in its frame is ignored): a
 * command is answered by the gateway instance that holds the socket, without an event-bus hop of its own.
 */
public class ClientCommands {

  /** A command: the verified caller and the frame's body in, the reply out (null for an empty reply). */
  @FunctionalInterface
  public interface Command {
    Future<?> run(String userId, JsonObject body);
  }

  /** A command that also needs to know which socket and device sent it (call signalling). */
  @FunctionalInterface
  public interface SocketCommand {
    Future<?> run(String userId, String socketId, String deviceId, JsonObject body);
  }

  private final Map<String, SocketCommand> commands = new HashMap<>();

  public void on(String address, Command command) {
    onSocket(address, (userId, socketId, deviceId, body) -> command.run(userId, body));
  }

  public void onSocket(String address, SocketCommand command) {
    commands.put(address, command);
  }

  public boolean has(String address) {
    return commands.containsKey(address);
  }

  public List<String> addresses() {
    return List.copyOf(commands.keySet());
  }

  /**
   * Runs the command at {@code address} for a caller the bridge verified; a body that is not a JSON object counts
   * as an empty one. Completes with the reply (an empty object for none) or fails with the error to send back.
   */
  public Future<Object> run(String address, String userId, String socketId, String deviceId, Object body) {
    SocketCommand command = commands.get(address);
    if (command == null) {
      return Errors.fail(io.rtchat.common.ErrorCode.NOT_FOUND, "No such command");
    }
    Future<?> result;
    try {
      result = command.run(userId, socketId, deviceId, body instanceof JsonObject json ? json : new JsonObject());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.map(reply -> reply == null ? new JsonObject() : reply);
  }
}
