package io.rtchat.standalone.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * One {@link TestStack} for all the tests of a class, with its clients; tests keep apart by creating their own users.
 * A class that needs other settings (short timeouts, a broken SMTP port) returns them from {@link #overrides()}.
 * A subclass's own {@code @BeforeAll} runs after the stack is up, its {@code @AfterAll} before the stack stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StackPerClass {

  protected TestStack stack;
  protected ApiClient api;
  protected Users users;
  protected Chats chats;

  /** Settings for this class's stack on top of the test defaults (none unless overridden). */
  protected Map<String, String> overrides() throws Exception {
    return Map.of();
  }

  @BeforeAll
  void startStack() throws Exception {
    stack = TestStack.start(overrides());
    api = stack.api();
    users = stack.users();
    chats = new Chats(stack);
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }
}
