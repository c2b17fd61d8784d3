package io.rtchat.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the server's own user may read: DATA_DIR (0700: the database, blobs and mails of every user) and the
 * generated JWT key (0600: whoever reads it can mint tokens for anyone). On file systems without POSIX permissions
 * (Windows) the defaults of the platform apply.
 */
public final class PrivateFiles {

  private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {
  }

  /** Creates the directory (and its parents) if needed and makes it owner-only. */
  public static void directory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory " + dir, e);
    }
    try {
      if (posix()) {
        Files.setPosixFilePermissions(dir, OWNER_DIR);
      }
    } catch (IOException | SecurityException e) {
      // a mounted volume owned by another user: run on, but say so
      log.warn("cannot make the directory owner-only dir={} reason={}", dir, e.toString());
    }
  }

  /** Writes a new owner-only file: created with its permissions, so it is never readable by others, not even briefly. */
  public static void writeNew(Path file, String content) throws IOException {
    if (posix()) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
      Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    }
  }

  public static void restrict(Path file) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(file, OWNER_FILE);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
