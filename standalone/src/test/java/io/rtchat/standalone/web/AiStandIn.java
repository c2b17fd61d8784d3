package io.rtchat.standalone.web;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The one stand-in the browser tests use: an OpenAI-compatible chat-completions server on 127.0.0.1 that streams a
 * fixed reply as server-sent events, a chunk at a time, slowly enough that a browser sees it grow. A question
 * containing "slowly" streams for a long time (to be cancelled).
 */
final class AiStandIn implements AutoCloseable {

  static final String[] REPLY = {"Otters ", "hold ", "hands ", "while ", "they ", "sleep."};

  private final HttpServer server;

  AiStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean slow = request.contains("slowly");
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        int chunks = slow ? 60 : REPLY.length;
        for (int i = 0; i < chunks; i++) {
          String text = slow ? "word" + i + " " : REPLY[i];
          write(out, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}");
          Thread.sleep(slow ? 500 : 250);
        }
        write(out, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the caller cancelled: the connection is gone
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  private static void write(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
