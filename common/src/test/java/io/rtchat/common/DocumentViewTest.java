package io.rtchat.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentViewTest {

  @Test
  void idAndDatesAreMappedAndOnlyNamedFieldsLeave() {
    JsonObject doc = new JsonObject().put("_id", "x1").put("name", "n").put("passwordHash", "secret")
      .put("createdAt", new JsonObject().put("$date", "2026-01-02T03:04:05Z"));
    JsonObject view = DocumentView.of(doc, "name", "createdAt");
    assertThat(view).isEqualTo(new JsonObject().put("id", "x1").put("name", "n").put("createdAt", "2026-01-02T03:04:05Z"));
  }

  @Test
  void anAbsentNamedFieldIsShownAsNull() {
    JsonObject view = DocumentView.of(new JsonObject().put("_id", "x1"), "about");
    assertThat(view.containsKey("about")).isTrue();
    assertThat(view.getValue("about")).isNull();
    assertThat(view.encode()).isEqualTo("{\"id\":\"x1\",\"about\":null}");
  }

  @Test
  void datesInEveryStoredFormBecomeIso() {
    assertThat(DocumentView.value(new JsonObject().put("$date", 0L))).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(DocumentView.value(new JsonObject().put("$date", new JsonObject().put("$numberLong", "1000"))))
      .isEqualTo("1970-01-01T00:00:01Z");
    assertThat(DocumentView.value(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void nestedDocumentsAndArraysAreMappedAndCopied() {
    JsonArray members = new JsonArray().add(new JsonObject().put("_id", "m1")
      .put("joinedAt", new JsonObject().put("$date", "2026-01-02T03:04:05Z")));
    JsonObject doc = new JsonObject().put("_id", "g1").put("members", members);
    JsonObject view = DocumentView.of(doc, "members");
    JsonObject first = view.getJsonArray("members").getJsonObject(0);
    assertThat(first).isEqualTo(new JsonObject().put("id", "m1").put("joinedAt", "2026-01-02T03:04:05Z"));
    view.getJsonArray("members").add("more");
    assertThat(members).hasSize(1);
  }
}
