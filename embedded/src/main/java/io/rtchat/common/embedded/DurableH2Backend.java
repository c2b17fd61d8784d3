package io.rtchat.common.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;

/**
 * mongo-java-server's H2 (MVStore) backend made durable per write: the stock backend commits the store about once a
 * second, so a process killed in between loses writes the driver was already told about (and their seqs are handed
 * out again after the restart). This one commits the store before it answers a write command, so an acknowledged
 * write survives a crash of the process.
 *
 * <p>The commit takes the store's lock: a write answered on another connection while a commit that already holds its
 * changes is still writing waits for that commit to finish, so it is never answered before it is on disk. The commit
 * writes to the operating system (enough for a killed process); {@code fsync} additionally forces it to the device, for
 * a machine that loses power, at the cost of one disk flush per write command.
 */
public final class DurableH2Backend extends H2Backend {

  /** The commands that change data; every other command (reads, pings, cursors) answers without a commit. */
  private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
    "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

  private final boolean fsync;

  public DurableH2Backend(String file, boolean fsync) {
    super(file);
    this.fsync = fsync;
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    try {
      return super.handleCommand(channel, database, command, query);
    } finally {
      // also after a failed write: an ordered insert may have stored some documents before it failed
      if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
        commitNow();
      }
    }
  }

  private void commitNow() {
    MVStore store = getMvStore();
    store.commit();
    if (fsync) {
      store.sync();
    }
  }
}
