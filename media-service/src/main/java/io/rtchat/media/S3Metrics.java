package io.rtchat.media;

import io.rtchat.common.Metrics;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

import java.time.Duration;

/**
 * Every S3 API call as the AWS SDK measured it (retries included): {@code rtchat_s3_request_seconds{operation,
 * outcome}} and {@code rtchat_s3_errors_total{operation}}. A 404 of HeadObject counts as an error here, as S3 sees it.
 */
final class S3Metrics implements MetricPublisher {

  @Override
  public void publish(MetricCollection call) {
    String operation = first(call, CoreMetric.OPERATION_NAME, "unknown");
    Duration duration = first(call, CoreMetric.API_CALL_DURATION, Duration.ZERO);
    boolean ok = Boolean.TRUE.equals(first(call, CoreMetric.API_CALL_SUCCESSFUL, Boolean.FALSE));
    Metrics.time("rtchat_s3_request", "S3 API call latency (with the SDK's retries)", duration.toNanos(),
      "operation", operation, "outcome", ok ? "success" : "error");
    if (!ok) {
      Metrics.count("rtchat_s3_errors", "S3 API calls that failed", "operation", operation);
    }
  }

  private static <T> T first(MetricCollection call, software.amazon.awssdk.metrics.SdkMetric<T> metric, T otherwise) {
    var values = call.metricValues(metric);
    return values.isEmpty() ? otherwise : values.get(0);
  }

  @Override
  public void close() {
    // nothing held
  }
}
