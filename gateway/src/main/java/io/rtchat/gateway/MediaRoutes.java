package io.rtchat.gateway;

import io.rtchat.api.MediaService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code /media/*}: upload slots, completion, metadata, and downloads. A download answers 302 to a short-lived
 * presigned S3 GET ({@code ?redirect=false}: the URL as JSON instead). It takes the token when there is one and
 * also works without: avatars are public (an {@code <img>} sends no Bearer header); media-service refuses an
 * attachment to anyone but its chat's participants.
 */
public class MediaRoutes implements ApiModule {

  private final MediaService media;
  private final AccessTokens tokens;

  public MediaRoutes(MediaService media, AccessTokens tokens) {
    this.media = media;
    this.tokens = tokens;
  }

  @Override
  public void mountPublic(Router api) {
    api.get("/media/:mediaId").handler(this::download);
  }

  @Override
  public void mount(Router api) {
    api.post("/media/uploads").handler(ctx -> Rest.created(ctx, Rest.body(ctx)
      .compose(body -> media.createUpload(Rest.userId(ctx), body))));
    api.post("/media/:mediaId/complete").handler(ctx -> Rest.ok(ctx, media.complete(Rest.userId(ctx), ctx.pathParam("mediaId"))));
    api.get("/media/:mediaId/meta").handler(ctx -> Rest.ok(ctx, media.meta(Rest.userId(ctx), ctx.pathParam("mediaId"))));
  }

  private void download(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    Future<String> caller = authorization == null ? Future.succeededFuture(null) : tokens.verifyHeader(authorization);
    Future<JsonObject> link = caller.compose(userId -> media.download(userId, ctx.pathParam("mediaId"), Rest.param(ctx, "variant")));
    if ("false".equals(Rest.param(ctx, "redirect"))) {
      Rest.ok(ctx, link);
      return;
    }
    link.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      long left = Duration.between(Instant.now(), Instant.parse(ar.result().getString("expiresAt"))).toSeconds();
      ctx.response()
        .setStatusCode(302)
        .putHeader(HttpHeaders.LOCATION, ar.result().getString("url"))
        // A browser may reuse the redirect while the signed URL has plenty of life left.
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=" + Math.max(0, Math.min(left / 2, 3600)))
        .end();
    });
  }
}
