package io.rtchat.chat;

import io.rtchat.common.Input;
import io.rtchat.common.Paging;

/** The {@code limit} of a listing query, read leniently and bounded by Paging's rule. */
final class PageLimit {

  private PageLimit() {
  }

  static int of(Input in) {
    Long limit = in.optionalLong("limit", Integer.MIN_VALUE, Integer.MAX_VALUE);
    return Paging.limit(limit == null ? null : limit.intValue());
  }
}
