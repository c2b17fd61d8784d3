package io.rtchat.ai;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider client against small HTTP servers that end a stream in the ways real servers do. */
class ProviderClientTest {

  private static final String KEY = "sk-live-ZYXWVUTSRQPONM";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Generous timeouts: a cold JVM's first request takes seconds on a loaded machine; no test here waits for one. */
  private ProviderClient clientFor(String baseUrl) {
    return new ProviderClient(vertx, AiSettings.from(Config.fromMap(Map.of(Setting.AI_BASE_URL.name(), baseUrl,
      Setting.AI_API_KEY.name(), KEY, Setting.AI_TIMEOUT.name(), "10", Setting.AI_IDLE_TIMEOUT.name(), "10"))));
  }

  private String serve(Handler<HttpServerRequest> handler) {
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> handler.handle(req)))
      .listen(0, "127.0.0.1").await();
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  private record Result(List<String> texts, Future<ProviderClient.Ending> ended) {
  }

  private Result stream(String baseUrl) {
    List<String> texts = new CopyOnWriteArrayList<>();
    ProviderClient client = clientFor(baseUrl);
    Promise<ProviderClient.Ending> promise = Promise.promise();
    vertx.runOnContext(x -> client.stream(new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")),
      texts::add).ended().onComplete(promise));
    Future<ProviderClient.Ending> ended = promise.future();
    try {
      ended.await();
    } catch (Exception ignored) {
      // inspected below
    }
    return new Result(texts, ended);
  }

  private static ErrorCode codeOf(Future<?> ended) {
    assertThat(ended.failed()).as("the stream failed").isTrue();
    return ((AiFailure) ended.cause()).code();
  }

  private static String chunk(String text) {
    return "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
      + "\"},\"finish_reason\":null}]}\n\n";
  }

  @Test
  void aStreamEndingWithDoneFinishesAndSendsTheKeyAsBearer() {
    List<String> auth = new CopyOnWriteArrayList<>();
    String url = serve(req -> {
      auth.add(req.getHeader("Authorization"));
      req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
      req.response().end(chunk("Hi") + chunk(" there") + "data: [DONE]\n\n");
    });
    Result result = stream(url);
    assertThat(result.ended().result()).isEqualTo(ProviderClient.Ending.FINISHED);
    assertThat(result.texts()).containsExactly("Hi", " there");
    assertThat(auth).containsExactly("Bearer " + KEY);
  }

  @Test
  void aStreamThatEndsWithoutFinishOrDoneLostItsConnection() {
    String url = serve(req -> req.response().setChunked(true).putHeader("Content-Type", "text/event-stream").end(chunk("Hal")));
    Result result = stream(url);
    assertThat(codeOf(result.ended())).isEqualTo(ErrorCode.AI_CONNECTION_LOST);
    assertThat(result.texts()).containsExactly("Hal");
  }

  @Test
  void anUnreachableServerIsReportedAsSuch() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(codeOf(stream("http://127.0.0.1:" + port + "/v1").ended())).isEqualTo(ErrorCode.AI_PROVIDER_UNREACHABLE);
  }

  @Test
  void aRefusedKeyIsAProviderErrorAndTheKeyNeverReachesTheLogOrTheMessage() {
    Logger logger = (Logger) LoggerFactory.getLogger(ProviderClient.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      String url = serve(req -> req.response().setStatusCode(401).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", new JsonObject().put("message", "Incorrect API key provided: " + KEY)).encode()));
      Future<ProviderClient.Ending> ended = stream(url).ended();
      assertThat(codeOf(ended)).isEqualTo(ErrorCode.AI_PROVIDER_ERROR);
      assertThat(ended.cause().getMessage()).contains("401").doesNotContain(KEY);
      assertThat(appender.list).isNotEmpty();
      assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
      assertThat(appender.list.get(0).getFormattedMessage()).contains("[redacted]");
    } finally {
      logger.detachAppender(appender);
    }
  }
}
