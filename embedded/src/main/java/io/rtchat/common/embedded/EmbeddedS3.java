package io.rtchat.common.embedded;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/** S3Proxy in-process over a filesystem blob store: the real S3 API, with AWS v4 signatures, on loopback. */
public final class EmbeddedS3 implements AutoCloseable {

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final String endpoint;

  private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, String endpoint) {
    this.proxy = proxy;
    this.context = context;
    this.endpoint = endpoint;
  }

  public static EmbeddedS3 start(Path baseDir, String accessKey, String secretKey) {
    return start(baseDir, accessKey, secretKey, List.of());
  }

  /**
   * Starts S3Proxy; {@code corsOrigins} may upload and download from a browser (presigned PUT/GET straight to S3),
   * as a bucket CORS rule allows them on a real S3.
   */
  public static EmbeddedS3 start(Path baseDir, String accessKey, String secretKey, List<String> corsOrigins) {
    try {
      Files.createDirectories(baseDir);
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
      BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
        .credentials(accessKey, secretKey)
        .overrides(properties)
        .build(BlobStoreContext.class);
      int port = freePort();
      String endpoint = "http://127.0.0.1:" + port;
      S3Proxy.Builder builder = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create(endpoint))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey);
      if (!corsOrigins.isEmpty()) {
        // S3Proxy reads origins as regular expressions: quote them so they match only themselves.
        builder.corsRules(new CrossOriginResourceSharing(corsOrigins.stream().map(Pattern::quote).toList(),
          List.of("GET", "HEAD", "PUT"), List.of("*"), List.of("ETag"), "false"));
      }
      S3Proxy proxy = builder.build();
      proxy.start();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      if (!"STARTED".equals(proxy.getState())) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      return new EmbeddedS3(proxy, context, endpoint);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded S3 under " + baseDir, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public String endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // shutting down: nothing left to do
    }
    context.close();
  }
}
