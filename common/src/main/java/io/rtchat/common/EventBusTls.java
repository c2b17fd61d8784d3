package io.rtchat.common;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutual TLS on the clustered event bus (EVENT_BUS_TLS). Service calls travel over it unauthenticated, so the
 * certificate is what makes a process a member: every connection, in either direction, must present a certificate
 * signed by the cluster's CA, and a process without one can neither send to a service address nor be delivered a
 * message for one it registered. Key and CA come from PKCS#12 stores or from PEM files (a Kubernetes TLS Secret
 * mounted as is). Host names are not checked: members are reached by pod IP, and the CA is the cluster's own.
 */
public final class EventBusTls {

  private EventBusTls() {
  }

  /** What stops {@code config} from turning TLS on; empty when TLS is off or fully configured. */
  public static List<String> problems(Config config) {
    List<String> problems = new ArrayList<>();
    if (!config.getBoolean(Setting.EVENT_BUS_TLS)) {
      return problems;
    }
    boolean store = config.isSet(Setting.EVENT_BUS_KEYSTORE);
    boolean pem = config.isSet(Setting.EVENT_BUS_CERT) || config.isSet(Setting.EVENT_BUS_KEY);
    if (store == pem) {
      problems.add("EVENT_BUS_TLS=true needs either EVENT_BUS_KEYSTORE or EVENT_BUS_CERT with EVENT_BUS_KEY (one of them)");
    } else if (pem && !(config.isSet(Setting.EVENT_BUS_CERT) && config.isSet(Setting.EVENT_BUS_KEY))) {
      problems.add("EVENT_BUS_CERT and EVENT_BUS_KEY go together");
    }
    if (config.isSet(Setting.EVENT_BUS_TRUSTSTORE) == config.isSet(Setting.EVENT_BUS_CA)) {
      problems.add("EVENT_BUS_TLS=true needs either EVENT_BUS_TRUSTSTORE or EVENT_BUS_CA (one of them): the CA that signs the members");
    }
    return problems;
  }

  /** Turns mutual TLS on in {@code bus} when EVENT_BUS_TLS is set; refuses a half-configured one. */
  public static EventBusOptions apply(Config config, EventBusOptions bus) {
    if (!config.getBoolean(Setting.EVENT_BUS_TLS)) {
      return bus;
    }
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    // EventBusOptions trusts every server certificate by default (trustAll=true): without turning that off, a process
    // with any certificate that trusts the (public) CA is delivered what members send or publish to its handlers
    return bus.setSsl(true).setClientAuth(ClientAuth.REQUIRED).setTrustAll(false)
      .setKeyCertOptions(keyCert(config)).setTrustOptions(trust(config));
  }

  private static KeyCertOptions keyCert(Config config) {
    if (config.isSet(Setting.EVENT_BUS_KEYSTORE)) {
      return new PfxOptions().setPath(config.get(Setting.EVENT_BUS_KEYSTORE))
        .setPassword(config.get(Setting.EVENT_BUS_KEYSTORE_PASSWORD));
    }
    return new PemKeyCertOptions().setCertPath(config.get(Setting.EVENT_BUS_CERT)).setKeyPath(config.get(Setting.EVENT_BUS_KEY));
  }

  private static TrustOptions trust(Config config) {
    if (config.isSet(Setting.EVENT_BUS_TRUSTSTORE)) {
      return new PfxOptions().setPath(config.get(Setting.EVENT_BUS_TRUSTSTORE))
        .setPassword(config.get(Setting.EVENT_BUS_TRUSTSTORE_PASSWORD));
    }
    return new PemTrustOptions().addCertPath(config.get(Setting.EVENT_BUS_CA));
  }
}
