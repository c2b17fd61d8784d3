package io.rtchat.chat.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The collection names a client may ask for. */
class MessageCollectionTest {

  @Test
  void theApisCollectionNamesAreKnownAndNothingElse() {
    assertThat(MessageCollection.NAMES).containsExactly("starred", "media", "links", "files");
    assertThat(MessageCollection.named("media")).contains(MessageCollection.MEDIA);
    assertThat(MessageCollection.named("all")).contains(MessageCollection.ALL);
    assertThat(MessageCollection.named("MEDIA")).isEmpty();
    assertThat(MessageCollection.named("pinned")).isEmpty();
  }
}
