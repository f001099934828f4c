package dev.fftt.agent.it.app;

import dev.fftt.runtime.BlockingCallError;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import java.awt.EventQueue;
import java.awt.SecondaryLoop;
import java.awt.Toolkit;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/** The blocking calls of the contract, made on each kind of loop and on a plain thread. */
final class BlockingScenarios {

  /** A call that may block; its setup runs off the loop, {@link #call} on the loop. */
  interface Blocking {
    void call() throws Exception;
  }

  /**
   * A blocking call and the name the check must give it; {@code retries}: the JDK method parks in
   * a loop, so a leftover unpark permit (or a spurious wake-up) may make it wait, and be counted,
   * more than once.
   */
  record Case(String expectedCall, java.util.function.Supplier<Blocking> setup, boolean retries) {
    Case(String expectedCall, java.util.function.Supplier<Blocking> setup) {
      this(expectedCall, setup, false);
    }
  }

  private static final Executor DELAYED = new Executor();

  /** Runs {@code r} on another thread after 50 ms (what releases a bounded wait). */
  private static final class Executor {
    void later(Runnable r) {
      CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(r);
    }
  }

  private BlockingScenarios() {}

  static void run(boolean fail) throws Exception {
    EventLoop started = EventLoops.start("started");
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "registered-0"));
    EventLoop registered = EventLoops.register("registered", pool,
        t -> t.getName().equals("registered-0"));
    EventLoop swing = EventLoops.named("swing").orElseThrow();
    Map<String, Case> cases = cases();

    for (EventLoop loop : new EventLoop[] {started, registered, swing}) {
      for (Map.Entry<String, Case> c : cases.entrySet()) {
        check(loop, c.getKey(), c.getValue(), fail);
      }
      // the loop goes on running after every one of them
      String after = loop.submit(() -> CompletableFuture.completedFuture("alive"))
          .get(10, TimeUnit.SECONDS);
      report(after.equals("alive"), "alive " + loop.name(), after);
    }

    // Not on a loop: nothing is caught, nothing throws.
    long before = total();
    boolean threw = false;
    for (Case c : cases.values()) {
      try {
        c.setup().get().call();
      } catch (BlockingCallError e) {
        threw = true;
      } catch (Exception e) {
        // a bounded wait's timeout
      }
    }
    report(!threw && total() == before, "not-a-loop-thread",
        "threw " + threw + ", caught " + (total() - before));

    // Allowed (-Dfftt.blocking.allow names Allowed#sleepy): not caught.
    long allowedBefore = count(started);
    started.submit(() -> {
      Allowed.sleepy();
      return CompletableFuture.completedFuture(null);
    }).get(10, TimeUnit.SECONDS);
    report(count(started) == allowedBefore, "allowed", count(started) - allowedBefore + " caught");

    // The EDT's nested event pumping (a modal dialog's secondary loop) waits without a report.
    long pumpBefore = count(swing);
    EventQueue.invokeAndWait(() -> {
      SecondaryLoop nested = Toolkit.getDefaultToolkit().getSystemEventQueue()
          .createSecondaryLoop();
      DELAYED.later(() -> EventQueue.invokeLater(nested::exit));
      nested.enter();
    });
    report(count(swing) == pumpBefore, "swing-nested-pump", count(swing) - pumpBefore + " caught");

    // The same site twice: counted twice, logged once (the test counts the log lines).
    long twiceBefore = count(started);
    for (int i = 0; i < 2; i++) {
      try {
        started.submit(() -> {
          try {
            sameSite();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return CompletableFuture.completedFuture(null);
        }).get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        // fail mode: the BlockingCallError
      }
    }
    report(count(started) - twiceBefore == 2, "same-site-twice",
        count(started) - twiceBefore + " caught");

    if (fail) {
      // Calls that would never return: under fail they throw before blocking.
      for (Map.Entry<String, Blocking> forever : forever().entrySet()) {
        check(started, forever.getKey(), new Case(forever.getKey(), forever::getValue), true);
      }
    }
    System.out.println("JSON " + Diagnostics.healthReport().toJson());
    EventLoops.named("swing").ifPresent(EventLoop::shutdown);
    pool.shutdown();
  }

  static void sameSite() throws InterruptedException {
    Thread.sleep(1);
  }

  /** Named by the test's blocking.allow. */
  static final class Allowed {
    static void sleepy() {
      try {
        Thread.sleep(1);
        LockSupport.parkNanos(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A library's blocking method, named by the test's blocking.extra; it parks inside. */
  static final class Library {
    static void block() {
      LockSupport.parkNanos(1_000_000);
    }
  }

  private static void check(EventLoop loop, String name, Case c, boolean fail) throws Exception {
    Blocking call = c.setup().get();
    long before = count(loop);
    Throwable thrown = null;
    try {
      loop.submit(() -> {
        try {
          call.call();
        } catch (BlockingCallError e) {
          throw e;
        } catch (Exception e) {
          // a bounded wait's timeout: not what is checked here
        }
        return CompletableFuture.completedFuture(null);
      }).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      thrown = e.getCause();
    }
    long caught = count(loop) - before;
    String check = loop.name() + " " + name;
    if (!fail) {
      report((caught == 1 || c.retries() && caught > 1) && thrown == null, check,
          caught + " caught, threw " + thrown);
      return;
    }
    boolean named = thrown instanceof BlockingCallError
        && ((BlockingCallError) thrown).call().equals(c.expectedCall())
        && ((BlockingCallError) thrown).loop().equals(loop.name())
        && ((BlockingCallError) thrown).site().startsWith(BlockingScenarios.class.getName() + ".");
    report(caught == 1 && named, check, caught + " caught, threw " + thrown);
  }

  private static long count(EventLoop loop) {
    return Diagnostics.loop(loop.name()).orElseThrow().blockingCalls();
  }

  private static long total() {
    return Diagnostics.healthReport().loops().stream().mapToLong(l -> l.blockingCalls()).sum();
  }

  private static void report(boolean ok, String check, String detail) {
    System.out.println(ok ? "OK " + check : "FAIL " + check + ": " + detail);
  }

  /** Every blocking call of the contract, each bounded (something releases it within 50 ms). */
  static Map<String, Case> cases() {
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put("park", new Case("LockSupport.parkNanos",
        () -> () -> LockSupport.parkNanos(1_000_000)));
    cases.put("sleep", new Case("Thread.sleep", () -> () -> Thread.sleep(1)));
    cases.put("sleep-timeunit", new Case("TimeUnit.sleep",
        () -> () -> TimeUnit.MILLISECONDS.sleep(1)));
    cases.put("join", new Case("Thread.join", () -> {
      Thread t = new Thread(() -> LockSupport.parkNanos(20_000_000));
      t.start();
      return t::join;
    }));
    cases.put("wait", new Case("Object.wait", () -> () -> {
      Object lock = new Object();
      synchronized (lock) {
        lock.wait(1);
      }
    }));
    cases.put("future-get", new Case("CompletableFuture.get", () -> {
      // completed later, not timed out: a timed wait whose time is up before it parks never blocks
      CompletableFuture<String> f = new CompletableFuture<>();
      return () -> {
        releaseSoon(() -> f.complete("x"));
        f.get(10, TimeUnit.SECONDS);
      };
    }, true));
    cases.put("future-join", new Case("CompletableFuture.join", () -> {
      CompletableFuture<String> f = new CompletableFuture<>();
      return () -> {
        releaseSoon(() -> f.complete("x"));
        f.join();
      };
    }, true));
    cases.put("latch", new Case("CountDownLatch.await", () -> {
      CountDownLatch latch = new CountDownLatch(1);
      return () -> {
        releaseSoon(latch::countDown);
        latch.await();
      };
    }, true));
    cases.put("semaphore", new Case("Semaphore.acquire", () -> {
      Semaphore s = new Semaphore(0);
      return () -> {
        releaseSoon(s::release);
        s.acquire();
      };
    }, true));
    cases.put("queue-take", new Case("LinkedBlockingQueue.take", () -> {
      LinkedBlockingQueue<String> q = new LinkedBlockingQueue<>();
      return () -> {
        releaseSoon(() -> q.add("x"));
        q.take();
      };
    }));
    cases.put("queue-put", new Case("ArrayBlockingQueue.put", () -> {
      ArrayBlockingQueue<String> q = new ArrayBlockingQueue<>(1);
      q.add("full");
      return () -> {
        releaseSoon(q::poll);
        q.put("x");
      };
    }));
    cases.put("lock", new Case("ReentrantLock.lock", () -> {
      ReentrantLock lock = new ReentrantLock();
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      new Thread(() -> {
        lock.lock();
        held.countDown();
        await(release);
        lock.unlock();
      }).start();
      await(held);
      return () -> {
        releaseSoon(release::countDown);
        lock.lock();
        lock.unlock();
      };
    }, true));
    cases.put("file-read", new Case("FileInputStream.read", () -> {
      Path file = tempFile();
      return () -> {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
          in.read();
        }
      };
    }));
    cases.put("file-write", new Case("FileOutputStream.write", () -> {
      Path file = tempFile();
      return () -> {
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
          out.write(1);
        }
      };
    }));
    cases.put("socket-read", new Case("Socket.SocketInputStream.read", () -> {
      Socket[] pair = socketPair();
      DELAYED.later(() -> write(pair[1]));
      return () -> {
        try (Socket s = pair[0]; InputStream in = s.getInputStream()) {
          in.read();
        }
      };
    }));
    cases.put("channel-read", new Case("SocketChannelImpl.read", () -> {
      Socket[] pair = socketPair();
      DELAYED.later(() -> write(pair[1]));
      SocketChannel channel = channelTo(pair);
      return () -> {
        try (SocketChannel c = channel) {
          c.read(ByteBuffer.allocate(1));
        }
      };
    }));
    cases.put("extra", new Case("BlockingScenarios.Library.block", () -> Library::block));
    return cases;
  }

  /** Calls that would block for ever. */
  static Map<String, Blocking> forever() {
    Map<String, Blocking> forever = new LinkedHashMap<>();
    forever.put("CompletableFuture.join", () -> new CompletableFuture<String>().join());
    forever.put("Semaphore.acquire", () -> new Semaphore(0).acquire());
    forever.put("LinkedBlockingQueue.take", () -> new LinkedBlockingQueue<String>().take());
    forever.put("Thread.sleep", () -> Thread.sleep(Long.MAX_VALUE));
    return forever;
  }

  private static Path tempFile() {
    try {
      Path file = Files.createTempFile("fftt-blocking", ".bin");
      Files.write(file, new byte[] {1, 2, 3});
      file.toFile().deleteOnExit();
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connected pair of sockets: [client, server side]. */
  private static Socket[] socketPair() {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
      return new Socket[] {client, server.accept()};
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A blocking channel connected to a new server socket whose accepted side replaces pair[1]. */
  private static SocketChannel channelTo(Socket[] pair) {
    try {
      ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      SocketChannel channel = SocketChannel.open(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      Socket accepted = server.accept();
      server.close();
      pair[0].close();
      pair[1].close();
      pair[1] = accepted;
      return channel;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code release} on a new thread 50 ms from now. Started from inside a blocking call,
   * so the call waits whatever the loop's speed (starting a thread does not block).
   */
  private static void releaseSoon(Runnable release) {
    Thread t = new Thread(() -> {
      LockSupport.parkNanos(50_000_000);
      release.run();
    });
    t.setDaemon(true);
    t.start();
  }

  private static void write(Socket s) {
    try {
      s.getOutputStream().write(7);
      s.getOutputStream().flush();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(new TimeoutException("setup"));
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
