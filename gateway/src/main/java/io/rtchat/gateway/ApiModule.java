package io.rtchat.gateway;

import io.vertx.ext.web.Router;

/**
 * One domain's slice of the client API: its REST routes and its bridge commands. The gateway translates and
 * authenticates; every rule lives in the service behind the proxy.
 */
public interface ApiModule {

  /** Routes reachable without an access token (register, login, ...). */
  default void mountPublic(Router api) {
  }

  /** Routes behind authentication; {@link Rest#userId} is the verified caller. */
  void mount(Router api);

  /** Inbound bridge commands this domain answers. */
  default void registerCommands(ClientCommands commands) {
  }
}
