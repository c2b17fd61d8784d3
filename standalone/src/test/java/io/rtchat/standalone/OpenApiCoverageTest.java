package io.rtchat.standalone;

import io.rtchat.gateway.GatewayVerticle;
import io.rtchat.gateway.OpenApiDocument;
import io.rtchat.standalone.support.TestStack;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route the gateway serves is in the OpenAPI document, and the document lists no route that does not exist. */
class OpenApiCoverageTest {

  @Test
  void openApiDocumentListsExactlyTheMountedRoutes() throws Exception {
    try (TestStack stack = TestStack.start()) {
      GatewayVerticle gateway = new GatewayVerticle();
      JsonObject config = stack.config.toJson().put("HTTP_PORT", String.valueOf(TestStack.freePort()));
      stack.vertx.deployVerticle(gateway, new DeploymentOptions().setConfig(config)).await();
      List<String> mounted = gateway.apiRoutes();
      JsonObject paths = OpenApiDocument.load().getJsonObject("paths");
      List<String> documented = paths.fieldNames().stream()
        .flatMap(path -> paths.getJsonObject(path).fieldNames().stream()
          .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
          .map(m -> m.toUpperCase(Locale.ROOT) + " " + path))
        .toList();
      assertThat(documented).as("documented routes").containsExactlyInAnyOrderElementsOf(mounted);
    }
  }
}
