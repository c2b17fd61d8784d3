package io.rtchat.standalone.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One {@link TestStack} for all the tests of a class, with its clients; tests keep apart by creating their own users. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StackPerClass {

  protected TestStack stack;
  protected ApiClient api;
  protected Users users;
  protected Chats chats;

  @BeforeAll
  void startStack() {
    stack = TestStack.start();
    api = stack.api();
    users = stack.users();
    chats = new Chats(stack);
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }
}
