package io.rtchat.gateway;

import io.vertx.core.http.HttpServerRequest;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address as the throttles should see it. X-Forwarded-For is believed only from a configured proxy
 * (TRUSTED_PROXIES, CIDRs): walking it from the right, the first address that is not a trusted proxy is the client.
 * From anyone else the header is ignored, so a client cannot pick its own address.
 */
public final class TrustedProxies {

  private final List<Cidr> proxies;

  private TrustedProxies(List<Cidr> proxies) {
    this.proxies = proxies;
  }

  /** {@code cidrs} like "10.0.0.0/8", "192.168.1.7" or "fd00::/8"; a malformed entry stops the start-up. */
  public static TrustedProxies of(List<String> cidrs) {
    List<Cidr> parsed = new ArrayList<>();
    for (String cidr : cidrs) {
      parsed.add(Cidr.parse(cidr));
    }
    return new TrustedProxies(parsed);
  }

  public String clientAddress(HttpServerRequest request) {
    String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    if (proxies.isEmpty() || !trusted(peer)) {
      return peer;
    }
    List<String> forwarded = new ArrayList<>();
    for (String header : request.headers().getAll("X-Forwarded-For")) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          forwarded.add(hop.trim());
        }
      }
    }
    for (int i = forwarded.size() - 1; i >= 0; i--) {
      String hop = forwarded.get(i);
      if (!literalAddress(hop)) {
        return peer; // garbage in the header: fall back to what the socket says
      }
      if (!trusted(hop)) {
        return hop;
      }
    }
    return forwarded.isEmpty() ? peer : forwarded.get(0);
  }

  boolean trusted(String address) {
    return proxies.stream().anyMatch(c -> c.contains(address));
  }

  private static boolean literalAddress(String value) {
    return value.matches("[0-9.]+") || value.matches("[0-9a-fA-F:.]+") && value.contains(":");
  }

  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      String trimmed = text.trim();
      int slash = trimmed.indexOf('/');
      String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
      if (!literalAddress(host)) {
        throw new IllegalArgumentException("TRUSTED_PROXIES: not an IP address or CIDR: '" + trimmed + "'");
      }
      byte[] address = bytes(host);
      int bits = address.length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix in '" + trimmed + "'");
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix in '" + trimmed + "'");
      }
      return new Cidr(address, prefix);
    }

    boolean contains(String address) {
      if (!literalAddress(address)) {
        return false;
      }
      byte[] candidate = bytes(address);
      if (candidate.length != network.length) {
        return false;
      }
      int bits = network.length * 8;
      BigInteger mask = prefix == 0 ? BigInteger.ZERO
        : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
      return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    private static byte[] bytes(String literal) {
      try {
        // a literal (checked above): no DNS lookup happens
        return InetAddress.getByName(literal).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: '" + literal + "'");
      }
    }
  }
}
