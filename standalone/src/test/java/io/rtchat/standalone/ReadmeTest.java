package io.rtchat.standalone;

import io.rtchat.common.Setting;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README is the front door: its configuration table must name every setting the server reads. */
class ReadmeTest {

  @Test
  void readmeDocumentsEverySetting() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting s : Setting.values()) {
      assertThat(readme).as("README documents %s", s.name()).contains("`" + s.name() + "`");
    }
  }

  @Test
  void ciRunsTheReadmesTestCommand() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String ci = Files.readString(Path.of("..", ".ci", "run"));
    assertThat(readme).contains("mvn -B verify");
    assertThat(ci).contains("mvn -B verify");
  }
}
