package io.rtchat.ai;

import io.rtchat.common.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompletionChunkTest {

  @Test
  void readsTheContentOfAnOpenAiChunk() {
    CompletionChunk chunk = CompletionChunk.parse("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
      + "[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}");
    assertThat(chunk.text()).isEqualTo("Hel");
    assertThat(chunk.finished()).isFalse();
    assertThat(chunk.done()).isFalse();
  }

  @Test
  void roleOnlyUsageOnlyAndFinishChunksCarryNoText() {
    assertThat(CompletionChunk.parse("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}").text()).isEmpty();
    assertThat(CompletionChunk.parse("{\"choices\":[],\"usage\":{\"total_tokens\":3}}").text()).isEmpty();
    CompletionChunk last = CompletionChunk.parse("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
    assertThat(last.finished()).isTrue();
    assertThat(CompletionChunk.parse("[DONE]").done()).isTrue();
  }

  @Test
  void anythingElseIsMalformedAndAnInStreamErrorIsTheProvidersError() {
    for (String bad : new String[] {"{not json", "42", "{\"choices\":\"x\"}", "{\"choices\":[{\"delta\":\"x\"}]}",
      "{\"choices\":[{\"delta\":{\"content\":7}}]}", "{\"choices\":[1]}"}) {
      assertThatThrownBy(() -> CompletionChunk.parse(bad)).as(bad)
        .isInstanceOfSatisfying(AiFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.AI_MALFORMED_REPLY));
    }
    assertThatThrownBy(() -> CompletionChunk.parse("{\"error\":{\"message\":\"overloaded\"}}"))
      .isInstanceOfSatisfying(AiFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.AI_PROVIDER_ERROR));
  }
}
