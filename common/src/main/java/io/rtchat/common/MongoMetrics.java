package io.rtchat.common;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every MongoDB command the driver runs, timed by the driver itself ({@code rtchat_mongo_command_seconds{command,
 * outcome}}) and its failures counted ({@code rtchat_mongo_errors_total{command}}). Handshake and monitoring
 * commands are left out: they are not the application's load.
 */
final class MongoMetrics implements CommandListener {

  private static final Set<String> IGNORED = Set.of("hello", "ismaster", "isMaster", "saslStart", "saslContinue",
    "buildInfo", "endSessions");

  @Override
  public void commandSucceeded(CommandSucceededEvent event) {
    record(event.getCommandName(), event.getElapsedTime(TimeUnit.NANOSECONDS), "success");
  }

  @Override
  public void commandFailed(CommandFailedEvent event) {
    if (record(event.getCommandName(), event.getElapsedTime(TimeUnit.NANOSECONDS), "error")) {
      Metrics.count("rtchat_mongo_errors", "MongoDB commands that failed", "command", event.getCommandName());
    }
  }

  private static boolean record(String command, long nanos, String outcome) {
    if (IGNORED.contains(command)) {
      return false;
    }
    Metrics.time("rtchat_mongo_command", "MongoDB command latency as the driver measured it", nanos,
      "command", command, "outcome", outcome);
    return true;
  }
}
