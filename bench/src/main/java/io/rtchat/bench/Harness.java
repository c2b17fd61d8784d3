package io.rtchat.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator, the same code for rtchat and the baseline: sockets registered on their inboxes, an open-loop
 * scheduler that sends {@code client.chat.send} frames at a fixed rate (it never waits for replies and catches up
 * when it falls behind), and receivers that check every (message, device) pair exactly once and record the
 * end-to-end latency from the message's scheduled send time (so a stalled sender cannot hide latency).
 */
final class Harness {

  static final String COMMAND = "client.chat.send";
  private static final String REC = "{\"type\":\"rec\"";
  private static final String ERR = "{\"type\":\"err\"";
  private static final String ADDRESS = "\"address\":\"";
  private static final String MARKER = "BENCH:";
  private static final String MESSAGE_NEW = ",\"body\":{\"type\":\"message.new\"";
  private static final long MAX_LATENCY_US = TimeUnit.SECONDS.toMicros(120);

  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;
  private final String runId;
  private final List<Device> open = new CopyOnWriteArrayList<>();

  private volatile int step = -1;
  private final Recorder latency = new Recorder(MAX_LATENCY_US, 3);
  private final Recorder ackLatency = new Recorder(MAX_LATENCY_US, 3);
  private final LongAdder delivered = new LongAdder();
  private final LongAdder acks = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final AtomicLong lastProgress = new AtomicLong();
  final List<String> errorSamples = new CopyOnWriteArrayList<>();

  Harness(Vertx vertx, int port, String runId) {
    this.vertx = vertx;
    this.port = port;
    this.runId = runId;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000)
      .setConnectTimeout(30_000).setTcpNoDelay(true).setDefaultHost("127.0.0.1").setDefaultPort(port));
    // The bridge drops sockets that stay silent past its ping timeout: ping like the browser client does.
    vertx.setPeriodic(20_000, id -> {
      for (Device d : open) {
        if (d.socket != null) {
          d.socket.writeTextMessage("{\"type\":\"ping\"}");
        }
      }
    });
  }

  // ---------------------------------------------------------------- sockets

  /** Opens the device's socket and registers it on its user's inbox (the bridge answers nothing on success). */
  Future<Device> connect(Device device) {
    return client.connect(port, "127.0.0.1", "/eventbus/websocket").map(ws -> {
      device.socket = ws;
      ws.handler(buffer -> onFrame(device, buffer));
      ws.closeHandler(v -> {
        open.remove(device);
        if (step >= 0) {
          errorSamples.add("socket of device " + device.index + " closed");
        }
      });
      ws.exceptionHandler(err -> sample("socket error: " + err));
      ws.writeTextMessage("{\"type\":\"register\",\"address\":\"user." + device.user.id()
        + "\",\"headers\":{\"Authorization\":\"Bearer " + device.user.token() + "\"}}");
      open.add(device);
      return device;
    });
  }

  Future<List<Device>> connectAll(List<Device> devices, int inFlight) {
    return Bounded.map(devices, inFlight, this::connect);
  }

  Future<Void> close(List<Device> devices) {
    List<Future<Void>> closing = new ArrayList<>();
    for (Device d : devices) {
      open.remove(d);
      if (d.socket != null) {
        closing.add(d.socket.close().otherwise((Void) null));
      }
    }
    return Future.join(closing).mapEmpty();
  }

  // ---------------------------------------------------------------- frames

  private void write(Device sender, BenchChat chat, int forStep, int seq, long intendedNanos) {
    String frame = "{\"type\":\"send\",\"address\":\"" + COMMAND + "\",\"headers\":{\"Authorization\":\"Bearer "
      + sender.user.token() + "\"},\"replyAddress\":\"r." + forStep + "." + chat.index + "." + seq + "\",\"body\":{\"chatId\":\""
      + chat.id + "\",\"clientMsgId\":\"" + runId + "-" + forStep + "-" + chat.index + "-" + seq
      + "\",\"type\":\"text\",\"content\":\"" + MARKER + forStep + ":" + chat.index + ":" + seq + ":" + intendedNanos + ";\"}}";
    sender.socket.writeTextMessage(frame);
  }

  private void onFrame(Device device, Buffer buffer) {
    long now = System.nanoTime();
    String text = buffer.toString();
    String type;
    String address;
    boolean messageNew;
    if (text.startsWith(REC) || text.startsWith(ERR)) {
      // The bridge writes type, address, body in that order (EventBusBridgeImpl.deliverMessage): read without parsing.
      type = text.startsWith(REC) ? "rec" : "err";
      int a = text.indexOf(ADDRESS);
      int end = a < 0 ? -1 : text.indexOf('"', a + ADDRESS.length());
      address = end < 0 ? null : text.substring(a + ADDRESS.length(), end);
      messageNew = end >= 0 && text.startsWith(MESSAGE_NEW, end + 1);
    } else {
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (RuntimeException e) {
        sample("unreadable frame: " + text);
        return;
      }
      type = frame.getString("type");
      address = frame.getString("address");
      JsonObject body = frame.getValue("body") instanceof JsonObject b ? b : null;
      messageNew = body != null && "message.new".equals(body.getString("type"));
    }
    if ("err".equals(type)) {
      onError(address, text);
      return;
    }
    if (!"rec".equals(type) || address == null) {
      return;
    }
    boolean reply = address.startsWith("r.");
    int m = text.indexOf(MARKER);
    if (m < 0 || (!reply && !messageNew)) {
      return; // another event (chat.updated, group.invite, ...): not a delivery of a message
    }
    long[] marker = marker(text, m + MARKER.length());
    int forStep = (int) marker[0];
    int chat = (int) marker[1];
    int seq = (int) marker[2];
    long latencyUs = Math.max(0, (now - marker[3]) / 1000);
    if (reply) {
      if (forStep == step) {
        BenchChat answered = stepChats.get(chat);
        if (answered != null) {
          answered.answered(seq);
        }
        acks.increment();
        ackLatency.recordValue(Math.min(latencyUs, MAX_LATENCY_US));
        lastProgress.set(now);
      }
    } else if (forStep == 0) {
      device.synced(chat);
    } else if (forStep == step) {
      if (device.receive(forStep, chat, seq, now)) {
        delivered.increment();
        latency.recordValue(Math.min(latencyUs, MAX_LATENCY_US));
      } else {
        duplicates.increment();
      }
      lastProgress.set(now);
    }
  }

  private void onError(String address, String text) {
    if (address != null && address.startsWith("r.")) {
      String[] parts = address.split("\\.");
      if (parts.length == 4 && Integer.parseInt(parts[1]) == step && step > 0) {
        errors.increment();
        BenchChat refused = stepChats.get(Integer.parseInt(parts[2]));
        if (refused != null) {
          refused.failed(Integer.parseInt(parts[3]));
        }
        lastProgress.set(System.nanoTime());
      }
    } else if (step > 0) {
      // A refusal the bridge does not address to the send, e.g. max_handlers_reached: the socket already has as many
      // sends awaiting replies as the bridge allows. The message was never sent: booked as refused, not as unanswered.
      errors.increment();
      lastProgress.set(System.nanoTime());
    }
    sample("err frame: " + text);
  }

  /** The chats of the current step by index, where answers and refusals are booked. */
  private volatile Map<Integer, BenchChat> stepChats = Map.of();

  private void sample(String s) {
    if (errorSamples.size() < 20) {
      errorSamples.add(s.length() > 400 ? s.substring(0, 400) : s);
    }
  }

  /** step:chat:seq:nanos; */
  private static long[] marker(String text, int from) {
    long[] out = new long[4];
    int field = 0;
    long value = 0;
    boolean negative = false;
    for (int i = from; i < text.length() && field < 4; i++) {
      char c = text.charAt(i);
      if (c == '-') {
        negative = true;
      } else if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
      } else {
        out[field++] = negative ? -value : value;
        value = 0;
        negative = false;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- sync

  /** Sync messages sent so far in this run: their clientMsgIds must never repeat (a repeat is an idempotent retry). */
  private int syncMessages;

  /**
   * Sends unmeasured messages (step 0) from each chat's first sender until every other device of the chat has one:
   * proof that the inbox registrations took effect. Returns whether the server also delivers to the sender's own
   * sockets (it does in rtchat: the other devices of the sender must see the message too).
   */
  boolean sync(List<BenchChat> chats, List<Device> extraDevices, BenchChat extraChat, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    int[] syncSeq = {syncMessages};
    while (true) {
      boolean done = true;
      for (BenchChat chat : chats) {
        Device first = chat.senders.get(0);
        boolean chatDone = chat.devices.stream().allMatch(d -> d.userIndex == first.userIndex || d.hasSynced(chat.index));
        if (!chatDone) {
          done = false;
          write(first, chat, 0, syncSeq[0]++, System.nanoTime());
        }
      }
      if (extraChat != null && !extraDevices.stream().allMatch(d -> d.hasSynced(extraChat.index))) {
        done = false;
        write(extraChat.senders.get(1), extraChat, 0, syncSeq[0]++, System.nanoTime());
      }
      if (done) {
        break;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("registrations did not take effect within " + timeoutMs + " ms; errors: " + errorSamples);
      }
      Thread.sleep(250);
    }
    syncMessages = syncSeq[0];
    Thread.sleep(300);
    return chats.stream().allMatch(c -> c.senders.get(0).hasSynced(c.index));
  }

  // ---------------------------------------------------------------- a measured step

  /** One step: {@code rate} messages/s spread over the chats for {@code seconds}, then the drain. */
  StepResult run(String scenario, List<BenchChat> chats, boolean echo, double rate, double seconds,
                 ServerProbe server, ServerProbe generator, long drainQuietMs, long drainMaxMs) throws InterruptedException {
    int thisStep = ++stepCounter;
    for (BenchChat chat : chats) {
      chat.reset();
      for (Device d : chat.devices) {
        d.startStep(thisStep);
      }
    }
    delivered.reset();
    acks.reset();
    errors.reset();
    duplicates.reset();
    latency.reset();
    ackLatency.reset();
    Map<Integer, BenchChat> byIndex = new HashMap<>();
    chats.forEach(c -> byIndex.put(c.index, c));
    stepChats = byIndex;
    step = thisStep;

    long total = Math.max(1, Math.round(rate * seconds));
    long serverCpu0 = server.cpuNanos();
    long generatorCpu0 = generator.cpuNanos();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    Scheduler scheduler = new Scheduler(chats, rate, total, start, thisStep);
    Context context = vertx.getOrCreateContext();
    Promise<Void> sent = Promise.promise();
    context.runOnContext(v -> scheduler.begin(sent));
    sent.future().await();
    long sendEnd = System.nanoTime();
    long serverCpu1 = server.cpuNanos();
    long generatorCpu1 = generator.cpuNanos();

    long expectedUpper = 0;
    for (BenchChat chat : chats) {
      int perMessage = echo ? chat.devices.size() : chat.devices.size() - chat.devices.size() / chat.senders.size();
      expectedUpper += (long) chat.sent * perMessage;
    }
    lastProgress.set(System.nanoTime());
    // Drain: first every reply (a stored message is answered; a backlog on an overloaded server is waited out, up to
    // drainMaxMs), then the deliveries until all are in or nothing has moved for drainQuietMs: what is missing then
    // is lost (and what is unanswered then is reported as unanswered).
    long hardStop = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMaxMs);
    while (System.nanoTime() < hardStop) {
      boolean answered = acks.sum() + errors.sum() >= scheduler.sent;
      boolean complete = answered && delivered.sum() + duplicates.sum() >= expectedUpper;
      boolean quiet = answered && System.nanoTime() - lastProgress.get() > TimeUnit.MILLISECONDS.toNanos(drainQuietMs);
      if (complete || quiet) {
        break;
      }
      Thread.sleep(10);
    }
    step = -1;
    Histogram lat = latency.getIntervalHistogram();
    Histogram ack = ackLatency.getIntervalHistogram();
    return tally(scenario, chats, echo, rate, seconds, scheduler, start, sendEnd, lat, ack,
      server, (serverCpu1 - serverCpu0), (generatorCpu1 - generatorCpu0));
  }

  private int stepCounter;

  private StepResult tally(String scenario, List<BenchChat> chats, boolean echo, double rate, double seconds,
                           Scheduler scheduler, long start, long sendEnd, Histogram lat, Histogram ack, ServerProbe server,
                           long serverCpu, long generatorCpu) {
    long expected = 0;
    long received = 0;
    long lost = 0;
    long unexpected = 0;
    long dups = 0;
    long lastReceipt = start;
    for (BenchChat chat : chats) {
      // Owed to a recipient: every message the server answered (it is stored). A message left unanswered is counted
      // as unanswered, not as lost; receiving one is fine. Receiving a refused one, or one not meant for this device
      // (its own message where the server does not echo), is unexpected.
      BitSet answered = chat.answered();
      BitSet refused = chat.failed();
      for (Device d : chat.devices) {
        BitSet mine = new BitSet();
        for (int seq = 0; seq < chat.sent; seq++) {
          if (!refused.get(seq) && (echo || chat.sender(seq).userIndex != d.userIndex)) {
            mine.set(seq);
          }
        }
        BitSet want = (BitSet) mine.clone();
        want.and(answered);
        BitSet got = d.received(chat.index);
        expected += want.cardinality();
        received += got.cardinality();
        BitSet missing = (BitSet) want.clone();
        missing.andNot(got);
        lost += missing.cardinality();
        BitSet extra = (BitSet) got.clone();
        extra.andNot(mine);
        unexpected += extra.cardinality();
        lastReceipt = Math.max(lastReceipt, d.lastReceiptNanos());
      }
    }
    Set<Device> seen = new HashSet<>();
    for (BenchChat chat : chats) {
      for (Device d : chat.devices) {
        if (seen.add(d)) {
          dups += d.duplicates();
        }
      }
    }
    double sendSeconds = (sendEnd - start) / 1e9;
    double deliverySeconds = Math.max(sendSeconds, (lastReceipt - start) / 1e9);
    StepResult r = new StepResult();
    r.scenario = scenario;
    r.targetRate = rate;
    r.seconds = seconds;
    r.sent = scheduler.sent;
    r.sentPerSec = scheduler.sent / sendSeconds;
    r.acked = acks.sum();
    r.sendErrors = errors.sum();
    r.noReply = Math.max(0, scheduler.sent - r.acked - r.sendErrors);
    r.expected = expected;
    r.delivered = received;
    r.deliveredPerSec = received / deliverySeconds;
    r.lost = lost;
    r.duplicates = dups;
    r.unexpected = unexpected;
    r.latency = Percentiles.of(lat);
    r.ackLatency = Percentiles.of(ack);
    r.maxSendLagMs = scheduler.maxLagNanos / 1e6;
    r.serverCpuPercent = serverCpu < 0 ? -1 : 100.0 * serverCpu / (sendEnd - start);
    r.generatorCpuPercent = generatorCpu < 0 ? -1 : 100.0 * generatorCpu / (sendEnd - start);
    r.serverRssBytes = server.rssBytes();
    r.pass = r.lost == 0 && r.duplicates == 0 && r.unexpected == 0 && r.sendErrors == 0 && r.noReply == 0
      && r.latency.p99Ms() < 50.0 && r.sentPerSec >= 0.95 * rate;
    return r;
  }

  /** Open loop: every millisecond, send whatever the schedule says is due by now (catching up after a stall). */
  private final class Scheduler {
    final List<BenchChat> chats;
    final double rate;
    final long total;
    final long start;
    final int forStep;
    volatile long sent;
    volatile long maxLagNanos;
    long timer;

    Scheduler(List<BenchChat> chats, double rate, long total, long start, int forStep) {
      this.chats = chats;
      this.rate = rate;
      this.total = total;
      this.start = start;
      this.forStep = forStep;
    }

    void begin(Promise<Void> done) {
      timer = vertx.setPeriodic(1, id -> tick(done));
    }

    private void tick(Promise<Void> done) {
      long now = System.nanoTime();
      if (now < start) {
        return;
      }
      long due = Math.min(total, (long) ((now - start) * rate / 1e9) + 1);
      long n = sent;
      long lag = maxLagNanos;
      while (n < due) {
        long intended = start + (long) (n * 1e9 / rate);
        BenchChat chat = chats.get((int) (n % chats.size()));
        int seq = chat.sent;
        write(chat.sender(seq), chat, forStep, seq, intended);
        chat.sent = seq + 1;
        lag = Math.max(lag, now - intended);
        n++;
      }
      sent = n;
      maxLagNanos = lag;
      if (n >= total) {
        vertx.cancelTimer(timer);
        done.tryComplete();
      }
    }
  }
}
