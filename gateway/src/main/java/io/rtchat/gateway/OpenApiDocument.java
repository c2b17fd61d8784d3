package io.rtchat.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The OpenAPI 3 document of the client API, served at {@code /api/v1/openapi.json}. It is assembled from one
 * fragment per domain under {@code openapi/} so each domain documents its routes beside the others; a test checks
 * that every mounted route is listed.
 */
public final class OpenApiDocument {

  static final List<String> FRAGMENTS = List.of(
    "auth", "users", "friends", "groups", "chats", "messages", "media", "notifications", "calls", "ai");

  private OpenApiDocument() {
  }

  public static JsonObject load() {
    JsonObject doc = read("openapi/base.json");
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    JsonObject schemas = doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    for (String name : FRAGMENTS) {
      JsonObject fragment = read("openapi/" + name + ".json");
      if (fragment == null) {
        continue;
      }
      fragment.getJsonObject("paths", new JsonObject()).forEach(e -> paths.put(e.getKey(), e.getValue()));
      fragment.getJsonObject("schemas", new JsonObject()).forEach(e -> schemas.put(e.getKey(), e.getValue()));
    }
    doc.put("paths", paths);
    doc.put("components", doc.getJsonObject("components", new JsonObject()).put("schemas", schemas));
    return doc;
  }

  private static JsonObject read(String resource) {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
