package io.rtchat.standalone;

import io.rtchat.common.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation is part of the product: the configuration page names every setting the server reads, the README
 * and CI share one test command, and no page sends a reader outside the repository.
 */
class ReadmeTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Inline links and images {@code [text](target)} and reference definitions {@code [id]: target}. */
  private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_LINK = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
  private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

  @Test
  void configurationDocumentsEverySetting() throws Exception {
    String configuration = Files.readString(ROOT.resolve("docs/configuration.md"));
    for (Setting s : Setting.values()) {
      assertThat(configuration).as("docs/configuration.md documents %s", s.name()).contains("`" + s.name() + "`");
    }
  }

  @Test
  void ciRunsTheReadmesTestCommand() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    assertThat(readme).contains("mvn -B verify");
    assertThat(ci).contains("mvn -B verify");
  }

  @Test
  void noDocumentLinksOutsideTheRepository() throws Exception {
    List<Path> pages = markdownPages();
    assertThat(pages).as("README.md and docs/ are found").contains(ROOT.resolve("README.md"));
    assertThat(pages.stream().filter(p -> p.startsWith(ROOT.resolve("docs"))).count())
      .as("docs/ has its pages").isGreaterThanOrEqualTo(4);
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      String text = Files.readString(page);
      assertThat(text).as("%s names the shared folder", ROOT.relativize(page)).doesNotContain("../shared");
      for (String target : linkTargets(text)) {
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(ROOT.relativize(page) + ": " + target + " (" + problem + ")");
        }
      }
    }
    assertThat(broken).as("links that leave the repository or lead nowhere").isEmpty();
  }

  /** README.md, every Markdown file under docs/, and the README of every top-level folder. */
  private static List<Path> markdownPages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    try (Stream<Path> top = Files.list(ROOT)) {
      top.map(dir -> dir.resolve("README.md")).filter(Files::isRegularFile)
        .filter(readme -> !pages.contains(readme)).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Link targets outside fenced code blocks and code spans, where brackets are code, not links. */
  static List<String> linkTargets(String markdown) {
    String prose = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("``");
    List<String> targets = new ArrayList<>();
    for (Pattern p : List.of(INLINE_LINK, REFERENCE_LINK)) {
      Matcher m = p.matcher(prose);
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /** Why a link is not allowed, or null when it stays inside the repository and its target exists. */
  private static String problem(Path page, String target) {
    if (target.startsWith("https://") || target.startsWith("http://") || target.startsWith("mailto:")) {
      boolean local = target.matches("https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?");
      return local || !target.contains("/shared/") ? null : "a shared folder";
    }
    if (target.startsWith("#")) {
      return null;
    }
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return "not a web link or a file of the repository";
    }
    String path = URLDecoder.decode(target.replaceAll("[#?].*$", ""), StandardCharsets.UTF_8);
    if (path.startsWith("/")) {
      return "an absolute path";
    }
    Path resolved = page.getParent().resolve(path).normalize();
    if (!resolved.startsWith(ROOT)) {
      return "outside the repository";
    }
    return Files.exists(resolved) ? null : "no such file";
  }

  @Test
  void linkTargetsIgnoreCodeAndFindReferences() {
    String md = "see [api](docs/api.md) and `[x](nowhere.md)`\n```\n[y](nowhere.md)\n```\n[ref]: ../shared/API.md\n";
    assertThat(linkTargets(md)).containsExactlyInAnyOrder("docs/api.md", "../shared/API.md");
  }
}
