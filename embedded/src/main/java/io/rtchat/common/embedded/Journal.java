package io.rtchat.common.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * An append-only file of BSON records. Records are collected in memory by {@link #append} and reach the file on
 * {@link #flush}: whoever flushes writes everything appended so far, so concurrent writers share one write (group
 * commit) and a flush returns only once every record appended before it is in the file. The file is written to the
 * operating system, which is what survives a killed process; {@code fsync} also forces it to the device, for a
 * machine that loses power.
 *
 * <p>A BSON document starts with its own length, so the file needs no framing. A process killed in the middle of a
 * write leaves a torn last record: {@link #read} stops before it and the next open cuts it off.
 */
final class Journal implements AutoCloseable {

  private static final int BUFFER_BYTES = 64 * 1024;
  /** A buffer grown past this by a burst is not kept for the next turn. */
  private static final int MAX_KEPT_BUFFER_BYTES = 4 * 1024 * 1024;

  private final Path file;
  private final boolean fsync;
  private final Object fileLock = new Object();
  private FileChannel channel;
  private ByteBuf pending = Unpooled.buffer(BUFFER_BYTES);
  /**
   * The buffer the last flush wrote, emptied: the next flush's appends go into it. Two buffers taking turns instead of
   * a new one per flush: every command's reply waits for a flush, and a fresh 64 KiB buffer each time was a tenth of
   * all the bytes the server allocated under load (the young collections it caused were a 1:1 send's p99).
   * Guarded by {@code fileLock}.
   */
  private ByteBuf spare = Unpooled.buffer(BUFFER_BYTES);
  private long size;

  Journal(Path file, boolean fsync) {
    this.file = file;
    this.fsync = fsync;
    try {
      long valid = Files.exists(file) ? validLength(file) : 0;
      // readable too: a compaction copies the tail written after its mark from it
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      channel.truncate(valid);
      channel.position(valid);
      this.size = valid;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  /** Every whole record of the file, in order; a torn record at the end is left out. */
  static void read(Path file, Consumer<Document> each) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
      while (wholeRecordAhead(bytes)) {
        each.accept(BsonDecoder.decodeBson(bytes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The file's length once every record appended so far is in it: where a snapshot read from now on starts to count. */
  long mark() {
    synchronized (fileLock) {
      writePending();
      return size;
    }
  }

  /**
   * Replaces the file with these records followed by what was written after {@code mark}: the snapshot is written to a
   * new file while appends go on into the old one; then, holding writes back only for that moment, the old file's
   * tail is copied after the snapshot and the new file renamed over the old (never half a journal under its name).
   */
  void compact(long mark, Consumer<Consumer<Document>> records) {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
      StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuf buffer = Unpooled.buffer(1 << 20);
      long[] written = {0};
      records.accept(record -> {
        BsonEncoder.encodeDocument(record, buffer);
        if (buffer.readableBytes() >= 1 << 20) {
          written[0] += drainUnchecked(buffer, out);
        }
      });
      written[0] += drain(buffer, out);
      synchronized (fileLock) {
        writePending();
        for (long position = mark; position < size; ) {
          position += channel.transferTo(position, size - position, out);
        }
        long length = written[0] + (size - mark);
        if (fsync) {
          out.force(true);
        }
        channel.close();
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(length);
        size = length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact " + file, e);
    }
  }

  /** Adds a record; it reaches the file with the next {@link #flush}. */
  synchronized void append(Document record) {
    BsonEncoder.encodeDocument(record, pending);
  }

  /** Writes every record appended so far (by any thread) to the file before it returns. */
  void flush() {
    synchronized (fileLock) {
      writePending();
    }
  }

  /** Called holding {@code fileLock}. */
  private void writePending() {
    ByteBuf batch;
    synchronized (this) {
      if (pending.readableBytes() == 0) {
        return;
      }
      batch = pending;
      pending = spare;
    }
    try {
      size += drain(batch, channel);
      if (fsync) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      batch.clear();
      spare = batch.capacity() > MAX_KEPT_BUFFER_BYTES ? Unpooled.buffer(BUFFER_BYTES) : batch;
    }
  }

  /** Bytes in the file. */
  long size() {
    synchronized (fileLock) {
      return size;
    }
  }

  @Override
  public void close() {
    synchronized (fileLock) {
      try {
        flush();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + file, e);
      }
    }
  }

  private static long drain(ByteBuf buffer, FileChannel out) throws IOException {
    long written = 0;
    ByteBuffer nio = buffer.nioBuffer();
    while (nio.hasRemaining()) {
      written += out.write(nio);
    }
    buffer.clear();
    return written;
  }

  private static long drainUnchecked(ByteBuf buffer, FileChannel out) {
    try {
      return drain(buffer, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean wholeRecordAhead(ByteBuf bytes) {
    if (bytes.readableBytes() < 4) {
      return false;
    }
    int length = bytes.getIntLE(bytes.readerIndex());
    return length >= 5 && length <= bytes.readableBytes();
  }

  /** The length of the file's whole records (what is kept when a torn record is cut off). */
  private static long validLength(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      long position = 0;
      long length = in.size();
      while (position + 4 <= length) {
        header.clear();
        in.read(header, position);
        int record = header.getInt(0);
        if (record < 5 || position + record > length) {
          break;
        }
        position += record;
      }
      return position;
    }
  }
}
