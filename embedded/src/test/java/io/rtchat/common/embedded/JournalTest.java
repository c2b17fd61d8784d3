package io.rtchat.common.embedded;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {

  @TempDir
  Path dir;

  @Test
  void aCompactionKeepsWhatWasWrittenAfterItsMarkBehindTheSnapshot() {
    Path file = dir.resolve("j");
    try (Journal journal = new Journal(file, false)) {
      journal.append(new Document("n", 1));
      journal.append(new Document("n", 2));
      long mark = journal.mark();
      journal.append(new Document("n", 3)); // written while the snapshot is being made
      journal.flush();
      journal.compact(mark, sink -> sink.accept(new Document("snapshot", 2)));
      journal.append(new Document("n", 4)); // and appending goes on into the new file
      journal.flush();
    }
    List<Document> records = new ArrayList<>();
    Journal.read(file, records::add);
    assertThat(records).containsExactly(new Document("snapshot", 2), new Document("n", 3), new Document("n", 4));
  }
}
