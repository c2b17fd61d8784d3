package io.rtchat.standalone.support;

import io.rtchat.standalone.support.ApiClient.Response;
import io.vertx.core.json.JsonObject;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads the way a browser does: ask the gateway for a slot, PUT the bytes straight to the presigned S3 URL with
 * a plain HTTP client, complete. Also makes real images (ImageIO) and sounds (javax.sound), and chats to upload into.
 */
public final class MediaFiles {

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final TestStack stack;
  private final ApiClient api;

  public MediaFiles(TestStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  /** The chat of a new group of {@code owner} that the others joined, made through the real group routes. */
  public String chatOf(Users.TestUser owner, Users.TestUser... members) {
    return stack.groups().withMembers(owner, members).chatId();
  }

  public static JsonObject attachment(String chatId, String name, String fileType, long size) {
    return new JsonObject().put("purpose", "attachment").put("chatId", chatId)
      .put("name", name).put("fileType", fileType).put("size", size);
  }

  public static JsonObject avatar(String name, String fileType, long size) {
    return new JsonObject().put("purpose", "avatar").put("name", name).put("fileType", fileType).put("size", size);
  }

  public Response slot(String token, JsonObject request) {
    return api.post("/media/uploads", token, request);
  }

  /** PUTs the bytes to the slot's presigned URL with the headers it names; answers the S3 status. */
  public static int put(JsonObject slot, byte[] bytes) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(slot.getString("uploadUrl")))
      .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    slot.getJsonObject("headers").forEach(h -> request.header(h.getKey(), String.valueOf(h.getValue())));
    return send(request.build()).statusCode();
  }

  public static HttpResponse<byte[]> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /** The CORS preflight a browser on {@code origin} sends before PUTting to S3. */
  public static HttpResponse<byte[]> preflightPut(String url, String origin) {
    return send(HttpRequest.newBuilder(URI.create(url))
      .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
      .header("Origin", origin)
      .header("Access-Control-Request-Method", "PUT")
      .header("Access-Control-Request-Headers", "content-type")
      .build());
  }

  /** Slot, PUT, complete: the ready media. */
  public JsonObject upload(String token, JsonObject request, byte[] bytes) {
    Response slot = slot(token, request);
    assertThat(slot.status()).as("slot %s", slot).isEqualTo(201);
    assertThat(put(slot.json(), bytes)).isEqualTo(200);
    Response done = api.post("/media/" + slot.json().getJsonObject("media").getString("id") + "/complete", token, null);
    assertThat(done.status()).as("complete %s", done).isEqualTo(200);
    return done.json();
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A real image of that size and format ("png" or "jpeg"). */
  public static byte[] image(int width, int height, String format) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLUE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** A real WAV file: a second of silence in 8-bit mono at {@code sampleRate}. */
  public static byte[] wav(int sampleRate) {
    AudioFormat format = new AudioFormat(sampleRate, 8, 1, true, false);
    AudioInputStream silence = new AudioInputStream(new ByteArrayInputStream(new byte[sampleRate]), format, sampleRate);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      AudioSystem.write(silence, AudioFileFormat.Type.WAVE, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
