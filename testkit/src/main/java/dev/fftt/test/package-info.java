/**
 * Tests of timeouts, retries and circuit breakers without sleeping: {@link
 * dev.fftt.test.FfttTestKit} installs a {@link dev.fftt.test.VirtualClock} that the FFTT runtime
 * uses for every timeout, retry pause, breaker delay and latency, {@link dev.fftt.test.SteppableLoop}s
 * that run their tasks only when stepped, and {@link dev.fftt.test.FfttTestExtension} does both
 * around each JUnit 5 test.
 */
package dev.fftt.test;
