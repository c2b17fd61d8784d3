package io.rtchat.standalone.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The web client in a real Chromium against the whole stack: two people, two browser profiles. */
class BrowserChatTest extends StackPerClass {

  private Chromium chromium;
  private WebUi ui;
  private String base;

  @BeforeAll
  void launch() {
    chromium = Chromium.launch();
    ui = new WebUi(users);
    base = "http://localhost:" + stack.port;
  }

  @AfterAll
  void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void twoPeopleRegisterBefriendChatLiveAndCatchUpAfterADroppedSocket() throws Exception {
    BrowserContext aliceDevice = chromium.device(base);
    BrowserContext bobDevice = chromium.device(base);
    Page alice = ui.watch(aliceDevice.newPage());
    Page bob = ui.watch(bobDevice.newPage());
    try {
      journey(aliceDevice, bobDevice, alice, bob);
    } catch (AssertionError | RuntimeException e) {
      Chromium.screenshot(alice, "failed-alice");
      Chromium.screenshot(bob, "failed-bob");
      throw e;
    }
  }

  private void journey(BrowserContext aliceDevice, BrowserContext bobDevice, Page alice, Page bob) throws Exception {
    String aliceName = Users.unique("alice");
    String bobName = Users.unique("bob");

    alice.navigate("/");
    Chromium.screenshot(alice, "01-sign-in");
    ui.register(alice, aliceName);
    ui.register(bob, bobName);

    // Alice finds Bob and asks; Bob accepts from his requests
    WebUi.openPanel(alice, "People and friend requests");
    WebUi.tab(alice, "Find people");
    alice.getByLabel("Search people by name or username").fill(bobName);
    WebUi.person(alice, bobName).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add friend")).click();
    assertThat(alice.getByText("Request sent")).isVisible();
    WebUi.closePanel(alice);
    assertThat(bob.getByText("wants to be friends")).isVisible(); // live friend_request.new
    WebUi.openPanel(bob, "People and friend requests");
    WebUi.tab(bob, "Requests");
    WebUi.person(bob, aliceName).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept")).click();
    assertThat(WebUi.person(bob, aliceName)).hasCount(0);
    WebUi.closePanel(bob);

    // Alice opens the chat from her friends; it appears live in Bob's list
    WebUi.openPanel(alice, "People and friend requests");
    WebUi.person(alice, bobName).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Message")).click();
    assertThat(alice.locator(".chat-title")).containsText(bobName);
    WebUi.send(alice, "Hi Bob, this is Alice");
    WebUi.openChatWith(bob, aliceName);
    assertThat(WebUi.stored(bob, "Hi Bob, this is Alice")).hasCount(1);

    // typing is seen live (at most one typing event per 2 s, so let the one from the first message pass);
    // the read tick turns when Bob has the chat open
    alice.waitForTimeout(2_100);
    alice.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).pressSequentially("How are", new Locator.PressSequentiallyOptions().setDelay(30));
    assertThat(bob.locator(".chat-sub")).containsText("is typing");
    alice.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).pressSequentially(" you? see https://example.org/docs");
    alice.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).press("Enter");
    assertThat(WebUi.stored(bob, "How are you? see https://example.org/docs")).hasCount(1);
    assertThat(bob.locator(".msg .text a[href='https://example.org/docs']")).hasCount(1);
    assertThat(alice.locator(".msg.mine .ticks").last()).hasAttribute("data-state", "read");
    WebUi.send(bob, "Fine, thanks!");
    assertThat(WebUi.stored(alice, "Fine, thanks!")).hasCount(1);

    // an image: upload progress, then the thumbnail on both sides
    Path png = Files.createTempFile("photo", ".png");
    Files.write(png, MediaFiles.image(640, 480, "png"));
    alice.setInputFiles("#attach-input", png);
    bob.waitForFunction("() => [...document.querySelectorAll('.msg[data-seq] img.thumb')].some(i => i.complete && i.naturalWidth > 0)");
    alice.waitForFunction("() => [...document.querySelectorAll('.msg[data-seq] img.thumb')].some(i => i.complete && i.naturalWidth > 0)");
    Chromium.screenshot(alice, "02-chat");

    // Bob's device drops off the network: a clear banner; what Alice sends meanwhile arrives once when he is back
    bobDevice.setOffline(true);
    assertThat(bob.locator(".banner")).isVisible();
    assertThat(bob.locator(".banner")).containsText("offline");
    Chromium.screenshot(bob, "03-offline-banner");
    for (int i = 1; i <= 3; i++) {
      WebUi.send(alice, "while you were away " + i);
      assertThat(WebUi.stored(alice, "while you were away " + i)).hasCount(1);
    }
    assertThat(bob.getByText("while you were away 1")).hasCount(0);
    bobDevice.setOffline(false);
    assertThat(bob.locator(".banner")).isHidden(new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions().setTimeout(60_000));
    for (int i = 1; i <= 3; i++) {
      assertThat(WebUi.stored(bob, "while you were away " + i)).hasCount(1);
    }
    bob.waitForTimeout(1500); // a late live copy would show up as a duplicate now
    for (int i = 1; i <= 3; i++) {
      assertThat(WebUi.stored(bob, "while you were away " + i)).hasCount(1);
    }
    assertThat(seqsIn(bob)).doesNotHaveDuplicates().isSorted();
    // and live delivery works again on the new socket
    WebUi.send(alice, "welcome back");
    assertThat(WebUi.stored(bob, "welcome back")).hasCount(1);

    // star and edit
    Locator welcome = bob.locator(".msg[data-seq]").filter(new Locator.FilterOptions().setHasText("welcome back"));
    welcome.hover();
    welcome.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Star")).click();
    assertThat(bob.locator(".msg[data-seq]").filter(new Locator.FilterOptions().setHasText("welcome back")).locator(".star-mark")).isVisible();
    Locator mine = alice.locator(".msg.mine[data-seq]").filter(new Locator.FilterOptions().setHasText("welcome back"));
    mine.hover();
    mine.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")).click();
    WebUi.send(alice, "welcome back, Bob");
    assertThat(WebUi.stored(bob, "welcome back, Bob")).hasCount(1);

    // phone width, dark theme
    bob.setViewportSize(390, 780);
    bob.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
    Chromium.screenshot(bob, "04-chat-phone-dark");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to chats")).click();
    assertThat(bob.locator(".chat-item").filter(new Locator.FilterOptions().setHasText(aliceName))).isVisible();
    Chromium.screenshot(bob, "05-chat-list-phone-dark");
    bob.setViewportSize(1280, 800);
    bob.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.LIGHT));

    // script errors and CSP refusals ("Refused to ..."); failed requests (offline, 4xx answers) are the network's
    assertThat(ui.consoleErrors()).as("console errors and CSP violations").filteredOn(e -> !e.startsWith("Failed to load resource")).isEmpty();
    aliceDevice.close();
    bobDevice.close();
  }

  @Test
  void thePageUsesAPlainWebSocketAndFallsBackToSockJsWhenItIsBlocked() {
    TestUser me = users.create("plain");
    TestUser friend = users.create("plainfriend");
    String chatId = chats.direct(me, friend);

    BrowserContext device = chromium.device(base);
    Page page = ui.watch(device.newPage());
    ui.signIn(page, me.email(), Users.PASSWORD);
    assertThat(page.evaluate("() => window.rtchat.bridge.sock instanceof WebSocket")).isEqualTo(true);
    chats.send(friend, chatId, "over a plain socket");
    assertThat(page.locator(".chat-item").filter(new Locator.FilterOptions().setHasText("over a plain socket"))).isVisible();
    device.close();

    // A proxy that blocks WebSockets: the plain socket never opens, SockJS gets through by xhr and the page stays there.
    BrowserContext blocked = chromium.device(base);
    blocked.addInitScript("window.WebSocket = class { constructor() { setTimeout(() => this.onclose && this.onclose({}), 10); }"
      + " close() {} send() {} };");
    Page behindProxy = ui.watch(blocked.newPage());
    ui.signIn(behindProxy, me.email(), Users.PASSWORD);
    assertThat(behindProxy.evaluate("() => window.rtchat.bridge.sock.transport")).isIn("xhr-streaming", "xhr-polling");
    assertThat(behindProxy.evaluate("() => window.rtchat.bridge.sockJsOnly")).isEqualTo(true);
    chats.send(friend, chatId, "over xhr after all");
    assertThat(behindProxy.locator(".chat-item").filter(new Locator.FilterOptions().setHasText("over xhr after all"))).isVisible();
    blocked.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"xhr-streaming", "xhr-polling"})
  void liveMessagesArriveOverTheXhrTransportsToo(String transport) {
    TestUser me = users.create("xhr");
    TestUser friend = users.create("xhrfriend");
    String chatId = chats.direct(me, friend);
    BrowserContext device = chromium.device(base);
    device.addInitScript("window.RTCHAT_TRANSPORTS = ['" + transport + "'];");
    Page page = ui.watch(device.newPage());
    ui.signIn(page, me.email(), Users.PASSWORD);
    assertThat(page.evaluate("() => window.rtchat.bridge.sock.transport")).isEqualTo(transport);
    chats.send(friend, chatId, "over " + transport);
    assertThat(page.locator(".chat-item").filter(new Locator.FilterOptions().setHasText("over " + transport))).isVisible();
    device.close();
  }

  @Test
  void aSocketCannotListenOnSomeoneElsesInbox() {
    TestUser me = users.create("snoop");
    TestUser other = users.create("victim");
    BrowserContext device = chromium.device(base);
    Page page = ui.watch(device.newPage());
    ui.signIn(page, me.email(), Users.PASSWORD);
    Object frame = page.evaluate("([token, inbox]) => new Promise(resolve => {"
      + " const sock = new SockJS('/eventbus');"
      + " sock.onopen = () => sock.send(JSON.stringify({type: 'register', address: inbox, headers: {Authorization: 'Bearer ' + token}}));"
      + " sock.onmessage = e => { const f = JSON.parse(e.data); if (f.type === 'err') { resolve(f.body); sock.close(); } };"
      + " setTimeout(() => resolve('no answer'), 5000); })", List.of(me.accessToken(), "user." + other.id()));
    assertThat(frame).isEqualTo("rejected");
    device.close();
  }

  @Test
  void theResetLinkInTheMailOpensTheResetFormAndTheNewPasswordSignsIn() {
    TestUser me = users.create("forgetful");
    BrowserContext device = chromium.device(base);
    Page page = ui.watch(device.newPage());
    page.navigate("/");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Forgot password?")).click();
    page.getByLabel("E-mail").fill(me.email());
    page.keyboard().press("Enter");
    assertThat(page.getByText("a reset link is on its way")).isVisible();
    Matcher link = Pattern.compile("(http\\S+/reset-password\\?token=[A-Za-z0-9_\\-%.]+)").matcher(users.awaitMailBody(me.email(), 2));
    assertThat(link.find()).isTrue();
    page.navigate(link.group(1));
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Choose a new password"))).isVisible();
    page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("a brand new passphrase");
    page.getByLabel("Repeat new password").fill("a brand new passphrase");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
    assertThat(page.getByText("Your password was changed")).isVisible();
    assertThat(page).hasURL(base + "/");
    // keyboard only: the e-mail field has focus, Tab reaches the password, Enter submits
    page.keyboard().type(me.email());
    page.keyboard().press("Tab");
    page.keyboard().type("a brand new passphrase");
    page.keyboard().press("Enter");
    WebUi.signedIn(page);
    device.close();
  }

  private static List<Integer> seqsIn(Page page) {
    @SuppressWarnings("unchecked")
    List<Object> raw = (List<Object>) page.evaluate("() => [...document.querySelectorAll('.msg[data-seq]')].map(m => Number(m.dataset.seq))");
    return raw.stream().map(o -> ((Number) o).intValue()).toList();
  }
}
