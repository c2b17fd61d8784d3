package io.rtchat.common;

import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PageQueryTest {

  private static final String ID = "a00000000000000000000001";

  @Test
  void anAbsentZeroOrNegativeLimitMeansFifty() {
    assertThat(PageQuery.of(null, null, null).limit()).isEqualTo(50);
    assertThat(PageQuery.of(0, null, null).limit()).isEqualTo(50);
    assertThat(PageQuery.of(-3, null, null).limit()).isEqualTo(50);
  }

  @Test
  void theLimitIsAtMostOneHundred() {
    assertThat(PageQuery.of(7, null, null).limit()).isEqualTo(7);
    assertThat(PageQuery.of(100, null, null).limit()).isEqualTo(100);
    assertThat(PageQuery.of(1000, null, null).limit()).isEqualTo(100);
    assertThat(PageQuery.of(1000, null, null).fetchSize()).isEqualTo(101);
  }

  @Test
  void blankCursorsMeanNone() {
    PageQuery query = PageQuery.of(null, " ", "");
    assertThat(query.before()).isNull();
    assertThat(query.after()).isNull();
    assertThat(query.checked().succeeded()).isTrue();
    assertThat(PageQuery.after(" " + ID + " ", 5).after()).isEqualTo(ID);
  }

  @Test
  void aCursorThatIsNoIdIsA400NamingIt() {
    ServiceException before = (ServiceException) PageQuery.before("nope", 10).checked().cause();
    assertThat(before.failureCode()).isEqualTo(400);
    assertThat(before.getDebugInfo().getString("code")).isEqualTo("request.invalid_id");
    assertThat(before.getDebugInfo().getJsonObject("fields").fieldNames()).containsExactly("before");
    ServiceException after = (ServiceException) PageQuery.after("nope", 10).checked().cause();
    assertThat(after.getDebugInfo().getJsonObject("fields").fieldNames()).containsExactly("after");
    assertThat(PageQuery.before(ID, 10).checked().result().before()).isEqualTo(ID);
  }

  @Test
  void aPageKeepsTheLimitAndTellsWhetherMoreExist() {
    List<JsonObject> fetched = IntStream.range(0, 4).mapToObj(i -> new JsonObject().put("i", i)).toList();
    JsonObject more = PageQuery.of(3, null, null).page(fetched);
    assertThat(more.getJsonArray("items")).hasSize(3);
    assertThat(more.getBoolean("hasMore")).isTrue();
    JsonObject last = PageQuery.of(4, null, null).page(fetched);
    assertThat(last.getJsonArray("items")).hasSize(4);
    assertThat(last.getBoolean("hasMore")).isFalse();
  }
}
