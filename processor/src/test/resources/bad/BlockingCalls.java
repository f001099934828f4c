package bad;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Every blocking call of rule 6, each written directly in a @LoopCompatible body. */
class BlockingCalls {
  private final Object lock = new Object();

  /** A CompletableFuture subclass that overrides nothing: its join is CompletableFuture's. */
  static final class MyFuture<T> extends CompletableFuture<T> {}

  @LoopCompatible
  CompletableFuture<String> futureGet(Future<String> future) throws Exception {
    return CompletableFuture.completedFuture(future.get());
  }

  @LoopCompatible
  CompletableFuture<String> futureGetTimed(Future<String> future) throws Exception {
    return CompletableFuture.completedFuture(future.get(1, TimeUnit.SECONDS));
  }

  @LoopCompatible
  CompletableFuture<String> completableGet(CompletableFuture<String> cf) throws Exception {
    return CompletableFuture.completedFuture(cf.get());
  }

  @LoopCompatible
  CompletableFuture<String> futureTaskGet(FutureTask<String> task) throws Exception {
    return CompletableFuture.completedFuture(task.get());
  }

  @LoopCompatible
  CompletableFuture<String> join(CompletableFuture<String> cf) {
    return CompletableFuture.completedFuture(cf.join());
  }

  @LoopCompatible
  CompletableFuture<String> subclassJoin(MyFuture<String> mine) {
    return CompletableFuture.completedFuture(mine.join());
  }

  @LoopCompatible
  CompletableFuture<Void> sleep() throws InterruptedException {
    Thread.sleep(10);
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> threadJoin(Thread worker) throws InterruptedException {
    worker.join();
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> threadJoinTimed(Thread worker) throws InterruptedException {
    worker.join(100);
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> objectWait() throws InterruptedException {
    synchronized (lock) {
      lock.wait();
    }
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> latchAwait(CountDownLatch latch) throws InterruptedException {
    latch.await();
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> latchAwaitTimed(CountDownLatch latch) throws InterruptedException {
    latch.await(5, TimeUnit.SECONDS);
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> semaphoreAcquire(Semaphore semaphore) throws InterruptedException {
    semaphore.acquire();
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> semaphoreUninterruptibly(Semaphore semaphore) {
    semaphore.acquireUninterruptibly(2);
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> queuePut(BlockingQueue<String> queue) throws InterruptedException {
    queue.put("job");
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<String> queueTake(BlockingQueue<String> queue) throws InterruptedException {
    return CompletableFuture.completedFuture(queue.take());
  }

  @LoopCompatible
  CompletableFuture<String> linkedTake(LinkedBlockingQueue<String> linked)
      throws InterruptedException {
    return CompletableFuture.completedFuture(linked.take());
  }

  @LoopCompatible
  CompletableFuture<Void> park() {
    LockSupport.park();
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> parkNanos() {
    LockSupport.parkNanos(1_000L);
    return CompletableFuture.completedFuture(null);
  }

  @LoopCompatible
  CompletableFuture<Void> parkUntil() {
    LockSupport.parkUntil(this, 0L);
    return CompletableFuture.completedFuture(null);
  }
}
