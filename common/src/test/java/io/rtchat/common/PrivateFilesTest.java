package io.rtchat.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * DATA_DIR and the generated JWT key are for the server's user only. The stack tests see a fresh temporary directory,
 * which is owner-only from birth, so a directory that others may read, and a key an older version left readable, are
 * checked here.
 */
class PrivateFilesTest {

  @TempDir
  Path tmp;

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void aDataDirectoryOthersCouldReadBecomesOwnerOnly() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    Path dataDir = Files.createDirectory(tmp.resolve("data"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    PrivateFiles.directory(dataDir);
    assertThat(permissions(dataDir)).isEqualTo("rwx------");
    Path created = tmp.resolve("new").resolve("data");
    PrivateFiles.directory(created);
    assertThat(permissions(created)).isEqualTo("rwx------");
  }

  @Test
  void aNewKeyFileIsOwnerOnlyAndAnOlderReadableOneIsTightened() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    Path key = tmp.resolve("jwt.secret");
    PrivateFiles.writeNew(key, "secret");
    assertThat(permissions(key)).isEqualTo("rw-------");
    assertThat(Files.readString(key)).isEqualTo("secret");
    Path old = Files.writeString(tmp.resolve("old.secret"), "older");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
    PrivateFiles.restrict(old);
    assertThat(permissions(old)).isEqualTo("rw-------");
  }
}
