package io.rtchat.standalone.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A video call between two browsers and the streaming assistant, in Chromium against the whole stack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserCallsAndAiTest {

  private AiStandIn ai;
  private TestStack stack;
  private Users users;
  private Chats chats;
  private Chromium chromium;
  private WebUi ui;
  private String base;

  @BeforeAll
  void start() throws Exception {
    Chromium.assumeInstalled();
    ai = new AiStandIn();
    stack = TestStack.start(Map.of("AI_BASE_URL", ai.baseUrl(), "AI_MODEL", "stand-in"));
    users = stack.users();
    chats = new Chats(stack);
    chromium = Chromium.launch();
    ui = new WebUi(users);
    base = "http://localhost:" + stack.port;
  }

  @AfterAll
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (ai != null) {
      ai.close();
    }
  }

  /** Until the calls and AI issues are merged, their routes answer 404 / 400 here: those tests wait for them. */
  private void assumeBuilt(String what, ApiClient.Response probe) {
    Assumptions.assumeFalse(probe.status() == 404 && "request.not_found".equals(probe.errorCode())
      || "request.invalid_id".equals(probe.errorCode()), what + " is not built on this branch yet");
  }

  @Test
  void aOneToOneVideoCallConnectsAndDecodesFramesOnBothSides() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    assumeBuilt("calls", stack.api().get("/calls/ice-servers", ann.accessToken()));
    chats.direct(ann, ben);
    BrowserContext annDevice = chromium.device(base);
    BrowserContext benDevice = chromium.device(base);
    Page annPage = ui.watch(annDevice.newPage());
    Page benPage = ui.watch(benDevice.newPage());
    ui.signIn(annPage, ann.email(), Users.PASSWORD);
    ui.signIn(benPage, ben.email(), Users.PASSWORD);

    WebUi.openChatWith(annPage, ben.username());
    annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Video call")).click();
    assertThat(benPage.getByRole(AriaRole.ALERTDIALOG, new Page.GetByRoleOptions().setName("Incoming call"))).isVisible();
    Chromium.screenshot(benPage, "06-incoming-call");
    benPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept video")).click();

    for (Page page : new Page[] {annPage, benPage}) {
      assertThat(page.locator(".call-card")).hasAttribute("data-state", "connected");
      page.waitForFunction("() => { const v = document.querySelector('.call-card video.remote');"
        + " return v && v.getVideoPlaybackQuality().totalVideoFrames > 0; }");
    }
    Chromium.screenshot(annPage, "07-video-call");
    annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
    assertThat(benPage.locator(".call-card")).hasCount(0);
    annDevice.close();
    benDevice.close();
  }

  @Test
  void aThreePartyGroupAudioCallConnectsEveryPair() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    TestUser cid = users.create("cid");
    assumeBuilt("calls", stack.api().get("/calls/ice-servers", ann.accessToken()));
    String chatId = chats.groupChat("trio", ann, ben, cid);
    Map<TestUser, BrowserContext> devices = new java.util.LinkedHashMap<>();
    Map<TestUser, Page> pages = new java.util.LinkedHashMap<>();
    for (TestUser user : new TestUser[] {ann, ben, cid}) {
      BrowserContext device = chromium.device(base);
      Page page = ui.watch(device.newPage());
      ui.signIn(page, user.email(), Users.PASSWORD);
      devices.put(user, device);
      pages.put(user, page);
    }
    Page annPage = pages.get(ann);
    annPage.locator(".chat-item[data-chat=\"" + chatId + "\"]").click();
    annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Audio call")).click();
    // one after the other: the later one offers to everyone already in the call (the mesh)
    for (TestUser invitee : new TestUser[] {ben, cid}) {
      Page page = pages.get(invitee);
      assertThat(page.getByRole(AriaRole.ALERTDIALOG, new Page.GetByRoleOptions().setName("Incoming call"))).isVisible();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept").setExact(true)).click();
      assertThat(page.locator(".call-card")).hasAttribute("data-state", "connected");
    }
    for (Map.Entry<TestUser, Page> entry : pages.entrySet()) {
      Locator tiles = entry.getValue().locator(".call-card .tile[data-peer-state=connected]");
      assertThat(tiles).hasCount(2);
      for (TestUser other : pages.keySet()) {
        if (other != entry.getKey()) {
          assertThat(tiles.and(entry.getValue().locator("[data-user=\"" + other.id() + "\"]"))).hasCount(1);
        }
      }
    }
    Chromium.screenshot(annPage, "09-group-audio-call");
    // one leaves: the other two stay connected to each other
    pages.get(cid).getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
    for (TestUser stays : new TestUser[] {ann, ben}) {
      assertThat(pages.get(stays).locator(".call-card .tile[data-peer-state=connected]")).hasCount(1);
    }
    devices.values().forEach(BrowserContext::close);
  }

  @Test
  void theAssistantsReplyStreamsIntoThePageAndCanBeStopped() {
    TestUser me = users.create("curious");
    assumeBuilt("the AI chat", stack.api().post("/chats/ai/messages", me.accessToken(), new JsonObject()));
    BrowserContext device = chromium.device(base);
    Page page = ui.watch(device.newPage());
    ui.signIn(page, me.email(), Users.PASSWORD);
    page.locator(".chat-item[data-chat=ai]").click();
    page.getByLabel("Message to the assistant").fill("Tell me about otters");
    page.getByLabel("Message to the assistant").press("Enter");
    // seen while it is still being written, then complete
    assertThat(page.locator(".msg.streaming .text")).containsText("Otters hold");
    assertThat(page.locator(".msg.assistant[data-state=done] .text")).hasText("Otters hold hands while they sleep.");
    Chromium.screenshot(page, "08-assistant");

    page.getByLabel("Message to the assistant").fill("Now explain it slowly");
    page.getByLabel("Message to the assistant").press("Enter");
    assertThat(page.locator(".msg.streaming .text")).containsText("word1");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop generating")).click();
    assertThat(page.locator(".msg.streaming")).hasCount(0, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(10_000));
    assertThat(page.locator(".msg.assistant .text").filter(new Locator.FilterOptions().setHasText("word59"))).hasCount(0);
    device.close();
  }
}
