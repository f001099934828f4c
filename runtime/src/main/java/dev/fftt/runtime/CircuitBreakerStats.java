package dev.fftt.runtime;

/**
 * One circuit breaker at one moment, as {@code circuitBreakers} in the health JSON.
 *
 * @param name the operation's name (the breaker is one per operation)
 * @param state {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}; {@code HALF_OPEN} from the moment
 *     the open delay has passed, whether or not an attempt has come since
 * @param windowSize how many recent outcomes the breaker judges by ({@code requestVolumeThreshold})
 * @param windowFailures the failures among the outcomes now in the window
 * @param windowCalls the outcomes now in the window (the window is cleared on every change of state)
 * @param opened how many times the breaker opened (since the last {@link Diagnostics#reset()})
 * @param rejected the attempts it refused (since the last reset)
 * @param nextTrialInMillis while {@code OPEN}, the time left until it admits a trial; else 0
 */
public record CircuitBreakerStats(String name, String state, int windowSize, int windowFailures,
    int windowCalls, long opened, long rejected, double nextTrialInMillis) {
}
