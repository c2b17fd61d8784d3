package io.rtchat.ai;

import io.rtchat.common.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Streams a chat completion from any OpenAI-compatible server ({@code POST <AI_BASE_URL>/chat/completions} with
 * {@code stream: true}; OpenAI, Ollama, vLLM, llama.cpp's server). Vert.x's core {@link HttpClient} rather than the
 * WebClient: the WebClient hands a body to a codec (whole, or piped into a write stream), while a reply has to be
 * read chunk by chunk, with a first-byte timer and an idle timer between chunks, and stopped at any moment; the core
 * response's data handler gives exactly that. Each chunk's text goes to the caller as soon as its event is complete:
 * nothing waits for the whole answer.
 */
final class ProviderClient {

  private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);
  /** An error answer's body is read only this far (for the log), never forwarded. */
  private static final int ERROR_BODY_BYTES = 2_048;
  /** Replies streaming at once from one ai-service instance (one connection each). */
  static final int MAX_CONNECTIONS = 256;

  private final Vertx vertx;
  private final AiSettings settings;
  private final HttpClient http;

  ProviderClient(Vertx vertx, AiSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    // Each reply holds its connection for as long as the model writes: the default pool (5 connections per
    // server) would queue the sixth user's reply behind the others until its first-byte timer ran out.
    this.http = vertx.createHttpClient(new HttpClientOptions()
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.firstByteTimeoutMillis()))
      .setForceSni(true), new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
  }

  /** How a stream ended when it did not fail. */
  enum Ending { FINISHED, STOPPED }

  /** Starts streaming the answer to {@code messages} ({@code [{role, content}]}); each piece of text goes to onText. */
  Stream stream(JsonArray messages, Consumer<String> onText) {
    Stream stream = new Stream(onText);
    stream.start(requestBody(messages));
    return stream;
  }

  JsonObject requestBody(JsonArray messages) {
    JsonObject body = new JsonObject().put("messages", messages).put("stream", true);
    if (!settings.model().isEmpty()) {
      body.put("model", settings.model());
    }
    return body;
  }

  /** One streamed answer: {@link #ended()} completes once, however it ends; {@link #stop()} ends it early. */
  final class Stream {

    private final Consumer<String> onText;
    private final Promise<Ending> ended = Promise.promise();
    private final SseParser parser = new SseParser(this::onEvent);
    private HttpClientRequest request;
    private long timer = -1;
    private boolean sawFinish;

    private Stream(Consumer<String> onText) {
      this.onText = onText;
    }

    Future<Ending> ended() {
      return ended.future();
    }

    boolean isOver() {
      return ended.future().isComplete();
    }

    /** Stops the answer where it is (a cancel, or a reply that reached its size limit). */
    void stop() {
      finish(null, Ending.STOPPED);
    }

    private void start(JsonObject body) {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(settings.completionsUrl())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.ACCEPT, "text/event-stream");
      if (!settings.apiKey().isEmpty()) {
        options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
      }
      arm(settings.firstByteTimeoutMillis(), "The AI server did not start answering in time");
      http.request(options).onComplete(ar -> {
        if (ar.failed()) {
          log.warn("ai provider unreachable url={} error={}", settings.completionsUrl(), ar.cause().getMessage());
          finish(new AiFailure(ErrorCode.AI_PROVIDER_UNREACHABLE, "The AI server cannot be reached"), null);
          return;
        }
        request = ar.result();
        if (isOver()) {
          request.reset();
          return;
        }
        request.send(body.toBuffer()).onComplete(sent -> {
          if (sent.failed()) {
            finish(new AiFailure(ErrorCode.AI_CONNECTION_LOST, "The connection to the AI server was lost"), null);
          } else {
            onResponse(sent.result());
          }
        });
      });
    }

    private void onResponse(HttpClientResponse response) {
      if (isOver()) {
        return;
      }
      response.exceptionHandler(err -> finish(
        new AiFailure(ErrorCode.AI_CONNECTION_LOST, "The connection to the AI server was lost during the reply"), null));
      if (response.statusCode() != 200) {
        Buffer head = Buffer.buffer();
        response.handler(chunk -> {
          if (head.length() < ERROR_BODY_BYTES) {
            head.appendBuffer(chunk.length() > ERROR_BODY_BYTES ? chunk.getBuffer(0, ERROR_BODY_BYTES) : chunk);
          }
        });
        response.endHandler(v -> {
          log.warn("ai provider refused status={} body={}", response.statusCode(), redacted(head));
          finish(new AiFailure(ErrorCode.AI_PROVIDER_ERROR, "The AI server answered " + response.statusCode()), null);
        });
        return;
      }
      response.handler(chunk -> {
        if (isOver()) {
          return;
        }
        arm(settings.idleTimeoutMillis(), "The AI server stopped answering");
        try {
          parser.feed(chunk);
        } catch (AiFailure failure) {
          finish(failure, null);
        } catch (IllegalStateException tooLong) {
          finish(new AiFailure(ErrorCode.AI_MALFORMED_REPLY, "The AI server sent a reply that could not be read"), null);
        }
      });
      response.endHandler(v -> finish(sawFinish ? null
        : new AiFailure(ErrorCode.AI_CONNECTION_LOST, "The AI server ended the reply before it was complete"),
        Ending.FINISHED));
    }

    private void onEvent(String data) {
      if (isOver()) {
        return;
      }
      CompletionChunk chunk = CompletionChunk.parse(data);
      if (!chunk.text().isEmpty()) {
        onText.accept(chunk.text());
      }
      sawFinish |= chunk.finished();
      if (chunk.done()) {
        finish(null, Ending.FINISHED);
      }
    }

    /** (Re)starts the one timer: until the first byte, then between chunks. */
    private void arm(long millis, String message) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      timer = vertx.setTimer(millis, id -> {
        timer = -1;
        finish(new AiFailure(ErrorCode.AI_TIMEOUT, message), null);
      });
    }

    /** Ends the stream once: a failure, or an ending; the connection is dropped unless the server finished it. */
    private void finish(AiFailure failure, Ending ending) {
      if (isOver()) {
        return;
      }
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (failure != null) {
        ended.fail(failure);
      } else {
        ended.complete(ending);
      }
      if (request != null && ending != Ending.FINISHED) {
        request.reset(); // drops the connection: the server stops generating what nobody will read
      }
    }
  }

  /** An error body for the log, with the key cut out in case the server echoes it. */
  private String redacted(Buffer body) {
    String text = body.toString().replaceAll("\\s+", " ");
    return settings.apiKey().isEmpty() ? text : text.replace(settings.apiKey(), "[redacted]");
  }
}
