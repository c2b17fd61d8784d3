package io.rtchat.media;

import io.rtchat.common.DisplayText;
import io.rtchat.common.Input;

import java.util.List;
import java.util.Locale;

/** What an upload slot request asks for, once valid: {@code {purpose,chatId?,name,fileType,size}}. */
record SlotRequest(String purpose, String chatId, String name, String fileType, long size) {

  /** The request, or null with every problem noted in {@code in}. */
  static SlotRequest read(Input in) {
    String purpose = in.requiredEnum("purpose", List.of(MediaPolicy.ATTACHMENT, MediaPolicy.AVATAR));
    String chatId = null;
    if (MediaPolicy.ATTACHMENT.equals(purpose)) {
      chatId = in.requiredId("chatId");
    } else if (MediaPolicy.AVATAR.equals(purpose) && in.has("chatId")) {
      in.problem("chatId", "must be absent for an avatar");
    }
    String name = in.requiredString("name", 1, 255);
    if (name != null && (name.contains("/") || name.contains("\\"))) {
      in.problem("name", "must be a plain file name");
    }
    // Shown to every participant: a bidi override would make invoice\u202Efdp.exe read as invoiceexe.pdf.
    DisplayText.check(in, "name", name);
    String declared = in.requiredString("fileType", 3, 127);
    String fileType = declared == null ? null : declared.toLowerCase(Locale.ROOT);
    if (fileType != null && !MediaPolicy.wellFormedMime(fileType)) {
      in.problem("fileType", "must be a MIME type such as image/png");
    }
    Long size = in.requiredLong("size", 1, Long.MAX_VALUE);
    return in.invalid() ? null : new SlotRequest(purpose, chatId, name, fileType, size);
  }
}
