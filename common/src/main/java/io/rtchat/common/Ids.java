package io.rtchat.common;

import org.bson.types.ObjectId;

/**
 * Ids are MongoDB ObjectIds, kept as their 24-character hex strings in documents and on the wire,
 * so every service compares and indexes them the same way.
 */
public final class Ids {

  private Ids() {
  }

  public static String newId() {
    return new ObjectId().toHexString();
  }

  public static boolean isValid(String id) {
    return id != null && ObjectId.isValid(id) && id.length() == 24;
  }
}
