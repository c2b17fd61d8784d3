package io.rtchat.standalone.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.rtchat.standalone.support.Users;

import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** What a person does in the page, step by step, through labels and roles (as a screen reader would find them). */
final class WebUi {

  private final Users users;
  private final List<String> consoleErrors = new ArrayList<>();

  WebUi(Users users) {
    this.users = users;
  }

  /** Collects the page's console errors and CSP violations, so a test can insist there were none. */
  Page watch(Page page) {
    page.onConsoleMessage(m -> {
      System.out.println("browser console " + m.type() + ": " + m.text());
      if ("error".equals(m.type())) {
        consoleErrors.add(m.text());
      }
    });
    page.onPageError(e -> consoleErrors.add("page error: " + e));
    if (Boolean.getBoolean("rtchat.web.trace")) {
      page.onWebSocket(ws -> {
        ws.onFrameSent(f -> System.out.println("ws> " + f.text()));
        ws.onFrameReceived(f -> System.out.println("ws< " + f.text()));
        ws.onClose(w -> System.out.println("ws closed"));
      });
      page.onRequestFailed(r -> System.out.println("request failed " + r.url() + " " + r.failure()));
    }
    return page;
  }

  List<String> consoleErrors() {
    return consoleErrors;
  }

  /** Registers through the form, reads the code from the mail, verifies: signed in. */
  void register(Page page, String username) {
    page.navigate("/");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create an account")).click();
    page.getByLabel("First name").fill("Test");
    page.getByLabel("Last name").fill(username);
    page.getByLabel("Username").fill(username);
    page.getByLabel("E-mail").fill(email(username));
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(Users.PASSWORD);
    page.getByLabel("Repeat password").fill(Users.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your e-mail"))).isVisible();
    page.getByLabel("Code").fill(users.awaitOtp(email(username)));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
    signedIn(page);
  }

  void signIn(Page page, String email, String password) {
    page.navigate("/");
    page.getByLabel("E-mail").fill(email);
    page.getByLabel("Password").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    signedIn(page);
  }

  static void signedIn(Page page) {
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chats"))).isVisible();
    page.waitForFunction("() => document.body.dataset.connection === 'open'");
  }

  static String email(String username) {
    return username + "@example.test";
  }

  static void openPanel(Page page, String label) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(label)).click();
  }

  static void closePanel(Page page) {
    page.locator(".sheet").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
  }

  static void tab(Page page, String name) {
    page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name)).click();
  }

  static Locator person(Page page, String username) {
    return page.locator(".sheet .person").filter(new Locator.FilterOptions().setHasText("@" + username));
  }

  static void openChatWith(Page page, String username) {
    page.locator(".chat-item").filter(new Locator.FilterOptions().setHasText(username)).click();
    assertThat(page.locator(".chat-title")).containsText(username);
  }

  static void send(Page page, String text) {
    page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill(text);
    page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).press("Enter");
  }

  /** Message rows stored on the server (they carry a seq) whose text is exactly this. */
  static Locator stored(Page page, String text) {
    return page.locator(".msg[data-seq] .text").getByText(text, new Locator.GetByTextOptions().setExact(true));
  }
}
