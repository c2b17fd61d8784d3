package io.rtchat.standalone.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright, nothing downloaded. Without Chromium the browser tests are skipped with a
 * message, except under CI ({@code CI=true}), where they must run.
 */
final class Chromium implements AutoCloseable {

  static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/lib/chromium/chromium"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final Playwright playwright;
  final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Skips the calling test class (or fails under CI) when Chromium is not installed. */
  static void assumeInstalled() {
    if (Files.isExecutable(EXECUTABLE)) {
      return;
    }
    String message = "Chromium not found at " + EXECUTABLE + ": browser tests skipped (apt-get install chromium)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " — CI must run them");
    }
    System.err.println(message);
    Assumptions.abort(message);
  }

  static Chromium launch() {
    assumeInstalled();
    // generous: Argon2 hashing and a shared CI machine make some steps take seconds
    PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    Playwright playwright = Playwright.create();
    Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
      .setExecutablePath(EXECUTABLE)
      .setHeadless(true)
      .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection")));
    return new Chromium(playwright, browser);
  }

  /** A fresh browser profile (its own storage and cookies): one "device". */
  BrowserContext device(String baseUrl) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
      .setBaseURL(baseUrl)
      .setViewportSize(1280, 800)
      .setPermissions(List.of("camera", "microphone")));
    context.setDefaultTimeout(30_000);
    return context;
  }

  static void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
