package io.rtchat.media;

import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Setting;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The bucket through the AWS SDK's async client: every call returns a Vert.x {@link Future} completed back on the
 * verticle's context, so no S3 call ever blocks an event loop. Presigning is local signing (no network). Any S3
 * failure other than "no such object" becomes 503 {@code media.unavailable}.
 */
public final class S3Storage implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(S3Storage.class);

  private final Context context;
  private final S3AsyncClient client;
  private final S3Presigner presigner;
  private final String bucket;

  /** A stored object's facts. */
  public record ObjectInfo(long size, String contentType) {
  }

  /** An object found by a listing: its key and when it was last written. */
  public record Listed(String key, Instant lastModified) {
  }

  /** One page of a listing, and the token of the next page (null after the last). */
  public record Listing(List<Listed> objects, String next) {
  }

  /** A presigned request: URL, headers the client must send with it, and its expiry. */
  public record Presigned(String url, Map<String, String> headers, Instant expiresAt) {
  }

  public S3Storage(Context context, Config config) {
    this.context = context;
    this.bucket = config.get(Setting.S3_BUCKET);
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
      AwsBasicCredentials.create(config.get(Setting.S3_ACCESS_KEY), config.get(Setting.S3_SECRET_KEY)));
    Region region = Region.of(config.get(Setting.S3_REGION));
    URI endpoint = URI.create(config.get(Setting.S3_ENDPOINT));
    URI publicEndpoint = config.isSet(Setting.S3_PUBLIC_ENDPOINT)
      ? URI.create(config.get(Setting.S3_PUBLIC_ENDPOINT)) : endpoint;
    this.client = S3AsyncClient.builder()
      .endpointOverride(endpoint)
      .region(region)
      .credentialsProvider(credentials)
      .forcePathStyle(true)
      // S3Proxy (and some other S3s) reject the SDK's default flexible checksums (VERTX5.md).
      .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
      .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
      .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(20))
        .addMetricPublisher(new S3Metrics()).build())
      .build();
    this.presigner = S3Presigner.builder()
      .endpointOverride(publicEndpoint)
      .region(region)
      .credentialsProvider(credentials)
      .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
      .build();
  }

  /** Creates the bucket when it is missing (dev and fresh installs); an unreachable S3 is logged, not fatal. */
  public Future<Void> ensureBucket() {
    return headBucket().recover(err -> {
      if (!notFound(err)) {
        log.warn("S3 not reachable at start; media answers 503 until it is bucket={} error={}", bucket, err.toString());
        return Future.succeededFuture();
      }
      return call(() -> client.createBucket(b -> b.bucket(bucket))).<Void>mapEmpty()
        .onSuccess(v -> log.info("created bucket={}", bucket))
        .recover(e -> {
          log.warn("could not create bucket={} error={}", bucket, e.toString());
          return Future.succeededFuture();
        });
    });
  }

  public Future<Void> headBucket() {
    return call(() -> client.headBucket(b -> b.bucket(bucket))).mapEmpty();
  }

  /** The object's size and type, or null when there is no such object. */
  public Future<ObjectInfo> head(String key) {
    return call(() -> client.headObject(b -> b.bucket(bucket).key(key)))
      .map(r -> new ObjectInfo(r.contentLength(), r.contentType()))
      .recover(err -> notFound(err) ? Future.succeededFuture(null) : unavailable(err));
  }

  /** Up to {@code length} first bytes of the object. */
  public Future<byte[]> firstBytes(String key, int length) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).range("bytes=0-" + (length - 1)).build();
    return this.<ResponseBytes<GetObjectResponse>>call(() -> client.getObject(request, AsyncResponseTransformer.toBytes()))
      .map(ResponseBytes::asByteArray)
      .recover(this::unavailable);
  }

  /** Server-side copy (no bytes pass through here): the uploaded object becomes one no presigned URL can write. */
  public Future<Void> copy(String fromKey, String toKey) {
    return call(() -> client.copyObject(b -> b.sourceBucket(bucket).sourceKey(fromKey)
        .destinationBucket(bucket).destinationKey(toKey)))
      .<Void>mapEmpty()
      .recover(this::unavailable);
  }

  public Future<Void> write(String key, byte[] bytes, String contentType) {
    PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build();
    return call(() -> client.putObject(request, AsyncRequestBody.fromBytes(bytes))).<Void>mapEmpty()
      .recover(this::unavailable);
  }

  /** Deletes the object; deleting a missing object succeeds (S3 semantics). */
  public Future<Void> delete(String key) {
    return call(() -> client.deleteObject(b -> b.bucket(bucket).key(key))).<Void>mapEmpty()
      .recover(this::unavailable);
  }

  /** Up to {@code max} objects whose key starts with {@code prefix}, from {@code token} (null: the first page). */
  public Future<Listing> list(String prefix, String token, int max) {
    return call(() -> client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(max).continuationToken(token)))
      .map(page -> new Listing(
        page.contents().stream().map(o -> new Listed(o.key(), o.lastModified())).toList(),
        Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null))
      .recover(this::unavailable);
  }

  /**
   * A presigned PUT of exactly this key, this Content-Type (which the client must send) and exactly this many bytes:
   * Content-Length is a signed header, so S3 refuses a body of any other size (browsers send it themselves).
   */
  public Presigned presignPut(String key, String contentType, long size, Duration ttl) {
    PresignedPutObjectRequest p = presigner.presignPutObject(r -> r.signatureDuration(ttl)
      .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(size)));
    return new Presigned(p.url().toString(), clientHeaders(p.signedHeaders()), p.expiration());
  }

  /**
   * A presigned GET; S3 answers with this Content-Type and Content-Disposition, so a file never renders inline
   * on the bucket's origin unless it is a checked image, audio or video.
   */
  public Presigned presignGet(String key, String contentType, String disposition, Duration ttl) {
    PresignedGetObjectRequest p = presigner.presignGetObject(r -> r.signatureDuration(ttl)
      .getObjectRequest(o -> o.bucket(bucket).key(key).responseContentType(contentType).responseContentDisposition(disposition)));
    return new Presigned(p.url().toString(), Map.of(), p.expiration());
  }

  /** The signed headers a browser must send itself (Host is set by the browser). */
  private static Map<String, String> clientHeaders(Map<String, List<String>> signed) {
    Map<String, String> headers = new LinkedHashMap<>();
    signed.forEach((name, values) -> {
      // Host and Content-Length are set by the browser itself (and may not be set by scripts)
      if (!"host".equalsIgnoreCase(name) && !"content-length".equalsIgnoreCase(name)) {
        headers.put(name.equalsIgnoreCase("content-type") ? "Content-Type" : name, String.join(",", values));
      }
    });
    return headers;
  }

  private <T> Future<T> call(Supplier<CompletableFuture<T>> request) {
    try {
      return Future.fromCompletionStage(request.get(), context);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private <T> Future<T> unavailable(Throwable err) {
    log.warn("S3 call failed bucket={} error={}", bucket, cause(err).toString());
    return Errors.fail(ErrorCode.MEDIA_UNAVAILABLE, "Media storage is not reachable; try again shortly");
  }

  private static boolean notFound(Throwable err) {
    return cause(err) instanceof S3Exception s3 && s3.statusCode() == 404;
  }

  private static Throwable cause(Throwable err) {
    Throwable t = err;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
  }
}
