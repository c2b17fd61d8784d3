package io.rtchat.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA and the member certificates it signs, made at test time with the JDK's own keytool (no test dependency, no
 * openssl needed on the build machine) and written as the PEM files of a Kubernetes TLS Secret: {@code tls.crt},
 * {@code tls.key} (PKCS#8) and {@code ca.crt}.
 */
final class TestCertificates {

  private static final String PASSWORD = "test-only";

  private final Path dir;
  private final String name;

  private TestCertificates(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** A new self-signed CA named {@code name} under {@code dir}. */
  static TestCertificates authority(Path dir, String name) throws IOException, InterruptedException {
    TestCertificates ca = new TestCertificates(dir, name);
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
      "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca.store().toString(),
      "-storepass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.store().toString(), "-storepass", PASSWORD,
      "-file", ca.caCert().toString());
    return ca;
  }

  /** The PEM file of this CA's certificate: what a member trusts. */
  Path caCert() {
    return dir.resolve(name + "-ca.crt");
  }

  /** A member key pair and its certificate signed by this CA, as PEM files. */
  Member issue(String member) throws Exception {
    Path store = dir.resolve(member + ".p12");
    Path csr = dir.resolve(member + ".csr");
    Member issued = new Member(dir.resolve(member + "-tls.crt"), dir.resolve(member + "-tls.key"));
    keytool("-genkeypair", "-alias", "member", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + member,
      "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD);
    keytool("-certreq", "-alias", "member", "-keystore", store.toString(), "-storepass", PASSWORD, "-file", csr.toString());
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store().toString(), "-storepass", PASSWORD,
      "-infile", csr.toString(), "-outfile", issued.cert().toString(), "-validity", "2",
      "-ext", "eku=serverAuth,clientAuth");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    Key key = keys.getKey("member", PASSWORD.toCharArray());
    Files.writeString(issued.key(), "-----BEGIN PRIVATE KEY-----\n"
      + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
      + "\n-----END PRIVATE KEY-----\n");
    return issued;
  }

  private Path store() {
    return dir.resolve(name + "-ca.p12");
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.add("-noprompt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  /** The PEM certificate and PKCS#8 key of one member. */
  record Member(Path cert, Path key) {
  }
}
