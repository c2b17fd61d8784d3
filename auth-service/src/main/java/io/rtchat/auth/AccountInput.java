package io.rtchat.auth;

import io.rtchat.common.DisplayText;
import io.rtchat.common.Input;

/** The rules every account field follows, wherever it is set (registration, profile changes, password reset). */
final class AccountInput {

  static final int PASSWORD_MAX = 128;
  private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("^[A-Za-z0-9_.]{3,32}$");

  private AccountInput() {
  }

  /** Usernames appear in URLs and mentions: letters, digits, '_' and '.' only. */
  static void checkUsername(Input in, String username) {
    if (username != null && !USERNAME.matcher(username).matches()) {
      in.problem("username", "may hold only letters, digits, '_' and '.'");
    }
  }

  /** Names go into other people's mails and screens: no line breaks, tabs or invisible characters ({@link DisplayText}). */
  static void checkName(Input in, String field, String value) {
    DisplayText.check(in, field, value);
  }

  static void checkConfirmation(Input in, String password, String confirm) {
    if (password != null && confirm != null && !password.equals(confirm)) {
      in.problem("passwordConfirm", "must equal password");
    }
  }

  /** Usernames are unique regardless of case. */
  static String usernameKey(String username) {
    return username.toLowerCase();
  }
}
